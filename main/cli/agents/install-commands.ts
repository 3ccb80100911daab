/** `hallpass install <client>` and `hallpass uninstall <client>`. */
import { installAgent } from '../../core/agents/install-agent.ts';
import { redactSecrets } from '../../core/agents/redact-config.ts';
import { unifiedDiff } from '../../core/agents/text-diff.ts';
import { uninstallAgent } from '../../core/agents/uninstall-agent.ts';
import type { CliContext } from '../cli-context.ts';
import { flagOption, parseCommand, type CommandSpec } from '../command-spec.ts';
import { printJson } from '../output.ts';
import { withStore } from '../with-store.ts';
import { CLIENT_NAMES, currentEndpoint, requireInstalled, restartHint, TARGET_OPTIONS, targetFromArgs } from './agent-target.ts';

const common = {
  ...TARGET_OPTIONS,
  'dry-run': { type: 'boolean', help: 'show what would change (secrets hidden) and change nothing' },
  json: { type: 'boolean', help: 'print JSON' },
} as const;

/** A redacted unified diff of a planned change. */
export function previewDiff(file: string, before: string, after: string | undefined): string {
  if (after === undefined) return `${file} would be deleted (Hallpass created it and nothing else is in it)\n`;
  const diff = unifiedDiff(redactSecrets(before), redactSecrets(after), { fromLabel: `${file} (now)`, toLabel: `${file} (after)` });
  return diff || `${file}: no change\n`;
}

/** `hallpass install`. */
export const installCommand: CommandSpec = {
  path: 'install',
  summary: 'Connect an agent client to Hallpass: register it and write its config entry',
  usage: [`install <${CLIENT_NAMES}> [--scope user|project|local] [--project DIR] [--dry-run] [--force] [--json]`],
  details: [
    'Creates a Hallpass client for the agent and writes a "hallpass" entry into the agent\'s own MCP config',
    '(Claude Desktop runs the `hallpass mcp` shim; Cursor, VS Code and Claude Code use the Streamable HTTP URL',
    'with an Authorization header). Running it again changes nothing. Every other entry, comment and the',
    'file\'s formatting stay; the original is kept as <file>.hallpass-backup-<time>.',
  ].join('\n'),
  options: { ...common, force: { type: 'boolean', help: 'write the file even if the client does not seem to be installed' } },
  args: { min: 1, max: 1, names: `a client (${CLIENT_NAMES})` },
  async run(ctx, { values, args }) {
    const target = targetFromArgs(ctx, 'install', args[0]!, values);
    await requireInstalled(target, values);
    const dryRun = flagOption(values, 'dry-run');
    const deps = { ids: ctx.ids, clock: ctx.clock, endpoint: currentEndpoint(ctx) };
    const report = await withStore(ctx, (store) => installAgent(target, { ...deps, store }, { dryRun }));
    const diff = report.preview ? previewDiff(report.file, report.preview.before, report.preview.after) : undefined;
    if (flagOption(values, 'json')) {
      const { preview: _secret, ...rest } = report;
      printJson(ctx, { agent: target.info.kind, scope: target.scope, ...rest, ...(diff === undefined ? {} : { diff }) });
      return 0;
    }
    const name = target.info.displayName;
    const lines: string[] = [];
    if (report.action === 'unchanged') lines.push(`${name} is already connected to Hallpass as client "${report.clientName}"; nothing changed.`);
    else if (report.action === 'planned') lines.push(`Dry run: would ${report.client === 'created' ? 'create' : 'reuse'} client "${report.clientName}" and write:`, '', diff!.trimEnd());
    else lines.push(`${name} is connected to Hallpass as client "${report.clientName}" (${report.client === 'created' ? 'new token' : 'same token'}).`, `  file:   ${report.file}`);
    if (report.backup) lines.push(`  backup: ${report.backup}`);
    for (const w of report.warnings) lines.push(`  note:   ${w}`);
    if (report.action === 'written') lines.push(restartHint(target));
    ctx.out(`${lines.join('\n')}\n`);
    return 0;
  },
};

/** `hallpass uninstall`. */
export const uninstallCommand: CommandSpec = {
  path: 'uninstall',
  summary: 'Remove exactly what install added to a client\'s config, and its Hallpass client',
  usage: [`uninstall <${CLIENT_NAMES}> [--scope user|project|local] [--project DIR] [--dry-run] [--json]`],
  details: 'When the file did not change since install, it becomes byte-for-byte what it was before. Servers moved by import stay in Hallpass.',
  options: common,
  args: { min: 1, max: 1, names: `a client (${CLIENT_NAMES})` },
  async run(ctx, { values, args }) {
    const target = targetFromArgs(ctx, 'uninstall', args[0]!, values);
    const dryRun = flagOption(values, 'dry-run');
    const report = await withStore(ctx, (store) => uninstallAgent(target, { store, clock: ctx.clock }, { dryRun }));
    const diff = report.preview ? previewDiff(report.file, report.preview.before, report.preview.after) : undefined;
    if (flagOption(values, 'json')) {
      const { preview: _secret, ...rest } = report;
      printJson(ctx, { agent: target.info.kind, scope: target.scope, ...rest, ...(diff === undefined ? {} : { diff }) });
      return 0;
    }
    const name = target.info.displayName;
    const removed = report.removedClient ? ` and client "${report.removedClient}"` : '';
    const text: Record<typeof report.action, string> = {
      absent: `${name} has no Hallpass entry in ${report.file}; nothing to remove${report.removedClient ? `, removed its leftover client "${report.removedClient}"` : ''}.`,
      restored: `Removed Hallpass from ${name}${removed}; ${report.file} is exactly as before install.`,
      edited: `Removed the Hallpass entry from ${report.file}${removed}; everything else in it was kept.`,
      deleted: `Removed ${report.file} (Hallpass had created it)${removed}.`,
      planned: report.preview?.after === report.preview?.before
        ? `Dry run: ${report.file} has no Hallpass entry; nothing to remove${report.removedClient ? ` but the leftover client "${report.removedClient}"` : ''}.`
        : `Dry run: would remove${report.removedClient ? ` client "${report.removedClient}" and` : ''}:\n\n${diff?.trimEnd() ?? ''}`,
    };
    ctx.out(`${text[report.action]}${report.backup ? `\n  backup: ${report.backup}` : ''}\n`);
    return 0;
  },
};

/** Runs `hallpass install ARGS…` (for the lead's dispatch, tests and the desktop UI). */
export function runInstall(argv: string[], ctx: CliContext): Promise<number> {
  return installCommand.run(ctx, parseCommand(installCommand, argv));
}

/** Runs `hallpass uninstall ARGS…`. */
export function runUninstall(argv: string[], ctx: CliContext): Promise<number> {
  return uninstallCommand.run(ctx, parseCommand(uninstallCommand, argv));
}
