/** `hallpass doctor`: is each agent client connected and reaching Hallpass; are Hallpass, the keychain and the servers healthy. */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { rootsFromEnv } from '../../core/agents/config-locations.ts';
import { runDoctor as runChecks, type CheckStatus, type DoctorReport } from '../../core/agents/doctor.ts';
import { connectionViewSchema } from '../../core/control/schemas.ts';
import { dataFiles } from '../../core/paths/data-dir.ts';
import { openStore } from '../../core/store/open-store.ts';
import { createKeyringVault } from '../../core/vault/keyring-vault.ts';
import type { CliContext } from '../cli-context.ts';
import { flagOption, parseCommand, stringOption, type CommandSpec } from '../command-spec.ts';
import { controlApi, findInstance } from '../instance.ts';
import { printJson } from '../output.ts';
import { currentEndpoint } from './agent-target.ts';

const TAG: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', skip: ' -- ' };

/** The report as aligned, actionable lines. */
export function doctorText(report: DoctorReport): string {
  const lines: string[] = [];
  for (const section of report.sections) {
    lines.push(section.file ? `${section.title} — ${section.file}` : section.title);
    for (const check of section.checks) {
      lines.push(`  ${TAG[check.status]}  ${check.text}`);
      if (check.fix) lines.push(`        → ${check.fix}`);
    }
  }
  lines.push('', report.ok ? 'No problems found.' : 'Problems found: see the FAIL lines above.');
  return `${lines.join('\n')}\n`;
}

/** `hallpass doctor`. */
export const doctorCommand: CommandSpec = {
  path: 'doctor',
  summary: 'Check every agent client\'s connection and Hallpass\' own health, with fixes',
  usage: ['doctor [--project DIR] [--json]'],
  details: 'Exit status 1 when a check fails. Reachability is checked with each entry\'s own token: over HTTP, or by running its shim.',
  options: {
    project: { type: 'string', value: 'DIR', help: 'also check the project configs in DIR (default: the current directory)' },
    json: { type: 'boolean', help: 'print JSON' },
  },
  args: { min: 0, max: 0, names: '' },
  async run(ctx, { values }) {
    const db = dataFiles(ctx.dataDir).db;
    // Doctor only looks: it does not create a database where there is none.
    const store = existsSync(db) ? openStore(db) : undefined;
    try {
      const instance = findInstance(ctx.dataDir);
      const vault = createKeyringVault({ dataDir: ctx.dataDir });
      const report = await runChecks({
        roots: rootsFromEnv(ctx.env),
        projectDir: stringOption(values, 'project') ?? process.cwd(),
        store,
        endpoint: currentEndpoint(ctx),
        instance,
        keychain: async () => {
          await vault.get('doctor-probe');
          return undefined;
        },
        connections: async () => (instance ? (await controlApi(ctx.dataDir, instance)).call('GET', '/api/connections', z.array(connectionViewSchema)) : []),
      });
      if (flagOption(values, 'json')) printJson(ctx, report);
      else ctx.out(doctorText(report));
      return report.ok ? 0 : 1;
    } finally {
      await store?.dispose();
    }
  },
};

/** Runs `hallpass doctor ARGS…`. */
export function runDoctor(argv: string[], ctx: CliContext): Promise<number> {
  return doctorCommand.run(ctx, parseCommand(doctorCommand, argv));
}
