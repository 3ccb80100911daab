/** `hallpass mcp`: the stdio shim for clients that only speak stdio (Claude Desktop…). */
import type { CommandSpec } from '../command-spec.ts';
import { CliError } from '../cli-error.ts';
import { findInstance } from '../instance.ts';
import { relay } from '../mcp-shim.ts';

/** `hallpass mcp`. */
export const mcpCommand: CommandSpec = {
  path: 'mcp',
  summary: 'stdio shim: relay a stdio MCP client to the running Hallpass (token from HALLPASS_TOKEN)',
  usage: ['mcp'],
  details: [
    'Put this in a stdio client\'s config (`hallpass clients add NAME` prints it) with HALLPASS_TOKEN in its env.',
    'stdout carries only the MCP messages; problems go to stderr. Exits when stdin closes.',
  ].join('\n'),
  options: {},
  args: { min: 0, max: 0, names: '' },
  async run(ctx) {
    const token = ctx.env.HALLPASS_TOKEN?.trim();
    if (!token) throw new CliError('HALLPASS_TOKEN is not set: give the shim the token `hallpass clients add NAME` printed');
    const instance = findInstance(ctx.dataDir);
    if (!instance) throw new CliError(`no Hallpass instance is running for ${ctx.dataDir} (start one with \`hallpass serve\`)`);
    // SECURITY: the token goes only to the socket named by instance.json in the owner-only data dir.
    await relay({ socketPath: instance.socket, token, stdin: ctx.stdin, stdout: ctx.stdout });
    return 0;
  },
};
