/** The agent-connection commands, for the CLI's command table: `...AGENT_COMMANDS` in all-commands.ts. */
import type { CommandSpec } from '../command-spec.ts';
import { doctorCommand } from './doctor-command.ts';
import { importCommand } from './import-command.ts';
import { installCommand, uninstallCommand } from './install-commands.ts';

export { runDoctor } from './doctor-command.ts';
export { runImport } from './import-command.ts';
export { runInstall, runUninstall } from './install-commands.ts';

/** `install`, `uninstall`, `import`, `doctor`. */
export const AGENT_COMMANDS: readonly CommandSpec[] = [installCommand, uninstallCommand, importCommand, doctorCommand];
