/** Every command of `hallpass`, in the order the help lists them. There is no approve command. */
import type { CommandSpec } from '../command-spec.ts';
import { auditGroup } from './audit-commands.ts';
import { AGENT_COMMANDS } from '../agents/agent-commands.ts';
import { clientsGroup } from './clients-commands.ts';
import { connectCommands } from './connect-commands.ts';
import { mcpCommand } from './mcp-command.ts';
import { serveCommand } from './serve-command.ts';
import { serversGroup } from './servers-commands.ts';
import { killCommand, rearmCommand, revokeCommand, sessionsCommand } from './sessions-commands.ts';

/** Subcommands under one word, e.g. `clients add`; `fallback` runs when no subcommand is given. */
export interface GroupSpec {
  name: string;
  summary: string;
  commands: CommandSpec[];
  fallback?: CommandSpec;
}

export type Entry = CommandSpec | GroupSpec;

// INVARIANT: approving happens only in Hallpass' UI; no CLI command approves (DESIGN.md §2.4).
/** The top-level commands and groups. */
export const COMMANDS: readonly Entry[] = [
  serveCommand, mcpCommand, clientsGroup, serversGroup, ...connectCommands, sessionsCommand, revokeCommand, killCommand, rearmCommand, auditGroup, ...AGENT_COMMANDS,
];
