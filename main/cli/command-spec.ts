/** Declarative commands: options for node:util parseArgs, help text, and clear usage errors. */
import { parseArgs } from 'node:util';
import type { CliContext } from './cli-context.ts';
import { usageError } from './cli-error.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** Placeholder shown in help, e.g. `N`. */
  value?: string;
  help: string;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface Parsed {
  values: OptionValues;
  /** Positional arguments before `--`. */
  args: string[];
  /** Everything after `--`, untouched (undefined when there was no `--`). */
  rest: string[] | undefined;
}

export interface CommandSpec {
  /** Words after `hallpass`, e.g. `clients add`. */
  path: string;
  summary: string;
  /** Usage lines without the leading `hallpass `. */
  usage: string[];
  /** Extra help paragraphs. */
  details?: string;
  options: Record<string, OptionSpec>;
  /** How many positional arguments (before `--`) the command takes. */
  args: { min: number; max: number; names: string };
  /** Whether `-- CMD ARGS…` is accepted. */
  rest?: boolean;
  run(ctx: CliContext, parsed: Parsed): Promise<number>;
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help' };

/** The `--json` flag of listings. */
export const JSON_OPTION: OptionSpec = { type: 'boolean', help: 'print JSON' };

/** Whether the arguments (before any `--`) ask for help. */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** Parses argv for a command, or throws a usage error that names the command and a hint. */
export function parseCommand(spec: CommandSpec, argv: string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...spec.options, help: HELP }, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw usageError(rewordParseError(error), spec.path);
  }
  const terminator = parsed.tokens.find((t) => t.kind === 'option-terminator');
  const split = terminator ? parsed.tokens.filter((t) => t.kind === 'positional' && t.index < terminator.index).length : parsed.positionals.length;
  const args = parsed.positionals.slice(0, split);
  const rest = terminator ? parsed.positionals.slice(split) : undefined;
  if (rest && !spec.rest) throw usageError(`"${spec.path}" takes no arguments after --`, spec.path);
  if (args.length < spec.args.min) throw usageError(`"${spec.path}" needs ${spec.args.names}`, spec.path);
  if (args.length > spec.args.max) throw usageError(`unexpected argument "${args[spec.args.max]}" for "${spec.path}"`, spec.path);
  return { values: parsed.values as OptionValues, args, rest };
}

function rewordParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) return `unknown option ${unknown[1]}`;
  const missing = /^Option '([^ ']+)[^']*' argument missing/.exec(message);
  if (missing) return `option ${missing[1]} needs a value`;
  return message.split('. ')[0]!.replace(/^./, (c) => c.toLowerCase());
}

/** The help text of one command. */
export function commandHelp(spec: CommandSpec): string {
  const lines = [`${spec.summary}`, '', 'Usage:', ...spec.usage.map((u) => `  hallpass ${u}`)];
  if (spec.details) lines.push('', spec.details);
  const rows = Object.entries({ ...spec.options, help: HELP }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    return [flag, o.help + (o.multiple ? ' (repeatable)' : '')] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length));
  lines.push('', 'Options:', ...rows.map(([f, h]) => `  ${f.padEnd(width)}  ${h}`));
  return `${lines.join('\n')}\n`;
}

/** Reads a string option. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** Reads a repeatable string option. */
export function listOption(values: OptionValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : [];
}

/** Reads a boolean option. */
export function flagOption(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

/** Parses an integer option within bounds, or throws a usage error. */
export function intOption(values: OptionValues, name: string, min: number, max: number, path: string): number | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw usageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`, path);
  }
  return n;
}
