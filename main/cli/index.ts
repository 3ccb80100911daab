/** Entry of the `hallpass` command: `node main/cli/index.ts …` or bin/hallpass.mjs. */
import { systemContext } from './cli-context.ts';
import { runCli } from './run-cli.ts';

process.exitCode = await runCli(process.argv.slice(2), systemContext());
