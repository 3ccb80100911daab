/** Dispatches argv to a command or command group; turns every failure into one stderr line and a status. */
import type { CliContext } from './cli-context.ts';
import { describeFailure, usageError } from './cli-error.ts';
import { commandHelp, parseCommand, wantsHelp, type CommandSpec } from './command-spec.ts';
import { closest } from './suggest.ts';
import { COMMANDS, type Entry, type GroupSpec } from './commands/all-commands.ts';
import { VERSION } from './version.ts';

/** Runs the CLI; returns the exit status. Never throws. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  try {
    return await dispatch(argv, ctx);
  } catch (error) {
    const { line, exitCode } = describeFailure(error, ctx.env.HALLPASS_DEBUG === '1');
    ctx.err(`${line}\n`);
    return exitCode;
  }
}

async function dispatch(argv: string[], ctx: CliContext): Promise<number> {
  const [first, ...more] = argv;
  if (first === undefined || first === '--help' || first === '-h') return print(ctx, topHelp());
  if (first === '--version' || first === '-V') return print(ctx, `hallpass ${VERSION}\n`);
  if (first === 'help') return print(ctx, helpFor(more));
  if (first.startsWith('-')) throw usageError(`unknown option ${first}`, '');
  const entry = find(COMMANDS, first, '');
  if (!('commands' in entry)) return runCommand(entry, more, ctx);
  const [second, ...rest] = more;
  if (second === undefined || second.startsWith('-')) {
    if (wantsHelp(more)) return print(ctx, groupHelp(entry));
    if (entry.fallback) return runCommand(entry.fallback, more, ctx);
    throw usageError(`"${entry.name}" needs a subcommand: ${entry.commands.map(leaf).join(', ')}`, entry.name);
  }
  return runCommand(find(entry.commands, second, entry.name), rest, ctx);
}

async function runCommand(spec: CommandSpec, argv: string[], ctx: CliContext): Promise<number> {
  if (wantsHelp(argv)) return print(ctx, commandHelp(spec));
  return spec.run(ctx, parseCommand(spec, argv));
}

function find<T extends Entry>(entries: readonly T[], word: string, group: string): T {
  const hit = entries.find((e) => name(e) === word);
  if (hit) return hit;
  const guess = closest(word, entries.map(name));
  const prefix = group ? `${group} ` : '';
  const what = group ? `unknown subcommand "${prefix}${word}"` : `unknown command "${word}"`;
  throw usageError(guess ? `${what}; did you mean "${prefix}${guess}"?` : what, group);
}

function name(e: Entry): string {
  return 'commands' in e ? e.name : leaf(e);
}

function leaf(spec: CommandSpec): string {
  return spec.path.split(' ').at(-1)!;
}

function print(ctx: CliContext, text: string): number {
  ctx.out(text);
  return 0;
}

function helpFor(words: string[]): string {
  const [first, second] = words;
  if (first === undefined) return topHelp();
  const entry = find(COMMANDS, first, '');
  if (!('commands' in entry)) return commandHelp(entry);
  if (second === undefined) return groupHelp(entry);
  return commandHelp(find(entry.commands, second, entry.name));
}

function groupHelp(group: GroupSpec): string {
  const head = group.fallback ? commandHelp(group.fallback) : `${group.summary}\n\nUsage:\n  hallpass ${group.name} <subcommand> [options]\n`;
  const rows = group.commands.map((c) => [c.path, c.summary] as const);
  const width = Math.max(...rows.map(([p]) => p.length));
  return `${head}\nSubcommands:\n${rows.map(([p, s]) => `  hallpass ${p.padEnd(width)}  ${s}`).join('\n')}\n\nRun \`hallpass ${group.name} <subcommand> --help\` for details.\n`;
}

function topHelp(): string {
  const rows = COMMANDS.map((e) => [name(e), e.summary] as const);
  const width = Math.max(...rows.map(([n]) => n.length));
  return [
    'hallpass — agents see every tool; they use one only inside a session a person approved.',
    '',
    'Usage: hallpass <command> [options]',
    '',
    'Commands:',
    ...rows.map(([n, s]) => `  ${n.padEnd(width)}  ${s}`),
    '',
    'Approving access happens only in Hallpass\' own UI (the link `hallpass serve` prints).',
    'Data dir: $HALLPASS_HOME, else the OS default. Set HALLPASS_DEBUG=1 for stack traces.',
    'Run `hallpass <command> --help` for details.',
    '',
  ].join('\n');
}
