/** Runs the real `hallpass` CLI as child processes: one-shot commands and a `hallpass serve` to test against. */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

/** The CLI entry of this checkout. */
export const CLI_ENTRY = fileURLToPath(new URL('../../main/cli/index.ts', import.meta.url));

export interface CliResult {
  /** Exit status, or null when ended by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** HALLPASS_HOME of the child. */
  home: string;
  /** Extra environment (undefined deletes a variable). HALLPASS_TOKEN and HALLPASS_DEBUG are unset unless given. */
  env?: Record<string, string | undefined>;
  /** Written to stdin, which is then closed (stdin is always closed). */
  input?: string;
  /** Kills the child and rejects after this long (default 30 s). */
  timeoutMs?: number;
}

/** A fresh, empty data dir under the OS temp dir; the caller removes it. */
export function createTempHome(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'hallpass-test-'));
}

/** The environment of a child CLI process. */
export function cliEnv(home: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HALLPASS_HOME: home };
  delete env.HALLPASS_TOKEN;
  delete env.HALLPASS_DEBUG;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs `node main/cli/index.ts ...args` to completion. */
export function runCli(args: readonly string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], { env: cliEnv(options.home, options.env), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hallpass ${args.join(' ')} did not finish in time; stderr: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    child.stdin.on('error', () => {}); // the child may exit before reading its input
    child.stdin.end(options.input ?? '');
  });
}

export interface ApiResponse {
  status: number;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: unknown;
}

export interface ServeProcess {
  home: string;
  pid: number;
  port: number;
  mcpUrl: string;
  uiLink: string;
  controlToken: string;
  /** Calls the control API with the control token. */
  api(method: string, path: string, body?: unknown): Promise<ApiResponse>;
  /** Runs another CLI command against the same data dir. */
  cli(args: readonly string[], options?: Omit<CliOptions, 'home'>): Promise<CliResult>;
  /** What serve printed so far. */
  output(): { stdout: string; stderr: string };
  /** SIGTERM (SIGKILL after 10 s), waits for exit, removes a temp home it created; returns the exit status. */
  stop(): Promise<number | null>;
}

export interface ServeProcessOptions {
  /** Data dir to use (kept on stop); default a fresh temp dir (removed on stop). */
  home?: string;
  /** Extra arguments for `serve` (e.g. `--approval-wait`, `2`). `--port 0` is always given. */
  args?: readonly string[];
  env?: Record<string, string | undefined>;
  /** How long to wait for instance.json (default 20 s). */
  readyTimeoutMs?: number;
}

/** Starts `hallpass serve --port 0` and waits until its instance.json names it. */
export async function startServeProcess(options: ServeProcessOptions = {}): Promise<ServeProcess> {
  const ownHome = options.home === undefined;
  const home = options.home ?? (await createTempHome());
  const child = spawn(process.execPath, [CLI_ENTRY, 'serve', '--port', '0', ...(options.args ?? [])], { env: cliEnv(home, options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => { exitCode = code; });

  const stop = async (): Promise<number | null> => {
    if (exitCode === undefined) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    if (ownHome) await rm(home, { recursive: true, force: true });
    return exitCode ?? null;
  };

  try {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
    let instance: { pid: number; port: number } | undefined;
    // Ready = instance.json names this child AND it printed its banner (written just after instance.json).
    while (!instance || !stdout.includes('MCP endpoint:')) {
      if (exitCode !== undefined) throw new Error(`hallpass serve exited with ${exitCode} before it was ready; stderr: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`hallpass serve was not ready in time; stderr: ${stderr}`);
      instance ??= await readInstance(home, child.pid!);
      if (!instance || !stdout.includes('MCP endpoint:')) await sleep(20);
    }
    const controlToken = (await readFile(join(home, 'control.token'), 'utf8')).trim();
    const base = `http://127.0.0.1:${instance.port}`;
    return {
      home, pid: child.pid!, port: instance.port, mcpUrl: `${base}/mcp`, uiLink: `${base}/#token=${controlToken}`, controlToken,
      async api(method, path, body) {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${controlToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        let parsed: unknown = text;
        try { parsed = JSON.parse(text); } catch { /* keep the text */ }
        return { status: res.status, body: parsed };
      },
      cli: (args, cliOptions) => runCli(args, { ...cliOptions, home }),
      output: () => ({ stdout, stderr }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function readInstance(home: string, pid: number): Promise<{ pid: number; port: number } | undefined> {
  try {
    const info = JSON.parse(await readFile(join(home, 'instance.json'), 'utf8')) as { pid?: unknown; port?: unknown };
    return info.pid === pid && typeof info.port === 'number' ? { pid, port: info.port } : undefined;
  } catch {
    return undefined; // not written yet (or mid-rename)
  }
}
