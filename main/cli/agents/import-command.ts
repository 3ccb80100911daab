/** `hallpass import <client>`: move the servers a client already uses behind Hallpass. */
import { createInterface } from 'node:readline/promises';
import { applyImport, planImport, previewImport, type ImportPlan } from '../../core/agents/import-servers.ts';
import { createKeyringVault } from '../../core/vault/keyring-vault.ts';
import type { CliContext } from '../cli-context.ts';
import { CliError } from '../cli-error.ts';
import { flagOption, listOption, parseCommand, type CommandSpec } from '../command-spec.ts';
import { printJson, shellWord } from '../output.ts';
import { withStore } from '../with-store.ts';
import { CLIENT_NAMES, currentEndpoint, restartHint, TARGET_OPTIONS, targetFromArgs } from './agent-target.ts';
import { previewDiff } from './install-commands.ts';

/** What the person sees before confirming: command, args and env NAMES (never values). */
export function describePlan(plan: ImportPlan): string[] {
  const lines = [`Servers in ${plan.loaded.snapshot.file}:`];
  if (plan.candidates.length === 0) lines.push('  (none besides hallpass)');
  for (const c of plan.candidates) {
    if (!c.importable) {
      lines.push(`  ${c.name}: stays in the client: ${c.reason}`);
      continue;
    }
    const { config } = c;
    if (config.kind === 'stdio') {
      lines.push(`  ${c.name} → ${config.id}: ${[config.command, ...config.args].map(shellWord).join(' ')}`);
      // SECURITY: names only; the values go straight to the keychain.
      const names = Object.keys(config.env);
      if (names.length > 0) lines.push(`      env: ${names.join(', ')} (values move to the keychain)`);
      if (config.cwd) lines.push(`      working directory: ${config.cwd}`);
    } else if (config.kind === 'remote') {
      lines.push(`  ${c.name} → ${config.id}: ${config.url} (remote)`);
    }
    if (!config.enabled) lines.push('      disabled in the client; imported disabled');
    if (c.ignoredKeys.length > 0) lines.push(`      ignored settings: ${c.ignoredKeys.join(', ')}`);
  }
  return lines;
}

async function confirm(ctx: CliContext, question: string): Promise<boolean> {
  const rl = createInterface({ input: ctx.stdin, output: ctx.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** `hallpass import`. */
export const importCommand: CommandSpec = {
  path: 'import',
  summary: 'Move the MCP servers a client already uses behind Hallpass (secrets into the keychain)',
  usage: [`import <${CLIENT_NAMES}> [--only NAME]… [--yes] [--dry-run] [--scope user|project|local] [--project DIR] [--json]`],
  details: [
    'Lists the servers in the client\'s config (command, args, env names), then, once you confirm, registers them',
    'in Hallpass, moves their env values into the OS keychain, removes them from the client\'s file and adds the',
    '"hallpass" entry, so the agent reaches them only through Hallpass. Servers Hallpass cannot front stay, with the reason.',
  ].join('\n'),
  options: {
    ...TARGET_OPTIONS,
    only: { type: 'string', multiple: true, value: 'NAME', help: 'import only this server' },
    yes: { type: 'boolean', short: 'y', help: 'do not ask for confirmation' },
    'dry-run': { type: 'boolean', help: 'show what would change (secrets hidden) and change nothing' },
    json: { type: 'boolean', help: 'print JSON (needs --yes or --dry-run)' },
  },
  args: { min: 1, max: 1, names: `a client (${CLIENT_NAMES})` },
  async run(ctx, { values, args }) {
    const target = targetFromArgs(ctx, 'import', args[0]!, values);
    const json = flagOption(values, 'json');
    const endpoint = currentEndpoint(ctx);
    return withStore(ctx, async (store) => {
      const deps = { store, ids: ctx.ids, clock: ctx.clock, endpoint };
      const plan = await planImport(target, deps, listOption(values, 'only'));
      const moving = plan.candidates.filter((c) => c.importable).length;
      if (flagOption(values, 'dry-run')) {
        const { before, after } = previewImport(plan, endpoint);
        const diff = previewDiff(plan.loaded.snapshot.file, before, after);
        if (json) printJson(ctx, { agent: target.info.kind, candidates: candidateViews(plan), diff });
        else ctx.out(`${[...describePlan(plan), '', 'Dry run: the file would become:', '', diff.trimEnd()].join('\n')}\n`);
        return 0;
      }
      if (!json) ctx.out(`${describePlan(plan).join('\n')}\n`);
      if (!flagOption(values, 'yes')) {
        if (json || !(ctx.stdin as { isTTY?: boolean }).isTTY) throw new CliError('import changes the client\'s file: confirm with --yes (stdin is not a terminal)');
        const question = moving > 0 ? `Move ${moving} server${moving === 1 ? '' : 's'} behind Hallpass and connect ${target.info.displayName}? [y/N] ` : `Connect ${target.info.displayName} to Hallpass? [y/N] `;
        if (!(await confirm(ctx, question))) {
          ctx.out('Nothing changed.\n');
          return 1;
        }
      }
      const report = await applyImport(plan, { ...deps, vault: createKeyringVault({ dataDir: ctx.dataDir }) });
      if (json) {
        printJson(ctx, { agent: target.info.kind, ...report });
        return 0;
      }
      const lines = [`Moved ${report.imported.length} server${report.imported.length === 1 ? '' : 's'} behind Hallpass; ${target.info.displayName} is connected as client "${report.clientName}".`];
      if (report.skipped.length > 0) lines.push(`Left in the client: ${report.skipped.map((s) => s.name).join(', ')}.`);
      if (report.backup) lines.push(`  backup: ${report.backup} (it still holds the old secrets: delete it once all works)`);
      lines.push(...plan.warnings.map((w) => `  note:   ${w}`), restartHint(target));
      ctx.out(`${lines.join('\n')}\n`);
      return 0;
    });
  },
};

function candidateViews(plan: ImportPlan): unknown[] {
  return plan.candidates.map((c) =>
    c.importable
      ? { name: c.name, id: c.config.id, kind: c.config.kind, ...(c.config.kind === 'stdio' ? { command: c.config.command, args: c.config.args, envNames: Object.keys(c.config.env) } : {}), ...(c.config.kind === 'remote' ? { url: c.config.url } : {}) }
      : { name: c.name, skipped: c.reason });
}

/** Runs `hallpass import ARGS…`. */
export function runImport(argv: string[], ctx: CliContext): Promise<number> {
  return importCommand.run(ctx, parseCommand(importCommand, argv));
}
