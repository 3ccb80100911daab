/** `hallpass serve`: the headless core with the MCP endpoint, the shim's socket, the control API and web UI. */
import { streamLog } from '../../core/defaults.ts';
import { intOption, type CommandSpec } from '../command-spec.ts';
import { VERSION } from '../version.ts';
import { DEFAULT_PORT } from './client-config.ts';

/** `hallpass serve`. */
export const serveCommand: CommandSpec = {
  path: 'serve',
  summary: 'Run Hallpass headless: MCP endpoint, stdio shim socket, control API and web UI',
  usage: ['serve [--port N] [--approval-wait S]'],
  details: 'Stops cleanly on Ctrl+C, SIGTERM or SIGHUP. Approve requests in the web UI through the link it prints (keep that link private).',
  options: {
    port: { type: 'string', value: 'N', help: `port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)` },
    'approval-wait': { type: 'string', value: 'S', help: 'seconds a call waits for a person (default 25, under the 60 s clients wait)' },
  },
  args: { min: 0, max: 0, names: '' },
  async run(ctx, { values }) {
    const port = intOption(values, 'port', 0, 65_535, 'serve') ?? DEFAULT_PORT;
    const approvalWaitSeconds = intOption(values, 'approval-wait', 0, 59, 'serve');
    // Loaded here so the other commands (the shim above all) start without the whole core.
    const { startServe } = await import('../../core/serve/start-serve.ts');
    // Listen before starting, so a signal during start-up still ends in a clean close.
    const stop = nextSignal();
    let running;
    try {
      running = await startServe({ dataDir: ctx.dataDir, port, clock: ctx.clock, ids: ctx.ids, log: streamLog(ctx.err), ...(approvalWaitSeconds === undefined ? {} : { approvalWaitSeconds }) });
    } catch (error) {
      stop.dispose();
      throw error;
    }
    ctx.out([
      `Hallpass ${VERSION} is running (data dir ${ctx.dataDir}).`,
      `  MCP endpoint:  ${running.mcpUrl}`,
      `  Approve here:  ${running.uiLink}`,
      '  (the link carries the control token: keep it private)',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'));
    const signal = await stop.signal;
    ctx.err(`Stopping (${signal})…\n`);
    await running.close();
    return 0;
  },
};

const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The first stop signal; after it (or dispose) a further signal gets Node's default: exit. */
function nextSignal(): { signal: Promise<NodeJS.Signals>; dispose(): void } {
  const { promise, resolve } = Promise.withResolvers<NodeJS.Signals>();
  const dispose = () => {
    for (const s of STOP_SIGNALS) process.off(s, on);
  };
  const on = (signal: NodeJS.Signals) => {
    dispose();
    resolve(signal);
  };
  for (const s of STOP_SIGNALS) process.on(s, on);
  return { signal: promise, dispose };
}
