/**
 * The server of the Claude Desktop extension (.mcpb): the `hallpass mcp` shim, bundled into one plain
 * JavaScript file by scripts/build-mcpb.ts so Claude Desktop's own Node runs it. The token comes from the
 * extension's settings (HALLPASS_TOKEN); the running Hallpass is found through its instance.json.
 */
import { systemContext } from '../cli-context.ts';
import { describeFailure } from '../cli-error.ts';
import { mcpCommand } from '../commands/mcp-command.ts';

try {
  process.exitCode = await mcpCommand.run(systemContext(), { values: {}, args: [], rest: undefined });
} catch (error) {
  // stdout carries only MCP messages; the reason goes to stderr, where Claude Desktop logs it.
  const { line, exitCode } = describeFailure(error, false);
  process.stderr.write(`${line}\n`);
  process.exitCode = exitCode;
}
