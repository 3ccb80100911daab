/** `hallpass sessions`, `revoke ID`, `kill`, `rearm`: what a person may do from a terminal (never approve). */
import { describeGrants } from '../../core/runtime/decisions.ts';
import { flagOption, JSON_OPTION, type CommandSpec } from '../command-spec.ts';
import { CliError } from '../cli-error.ts';
import { withControl } from '../control-port.ts';
import { formatRelative, printJson, printTable } from '../output.ts';

const where = (live: boolean) => (live ? 'the running Hallpass' : 'the database (no Hallpass running)');

/** `hallpass sessions`. */
export const sessionsCommand: CommandSpec = {
  path: 'sessions',
  summary: 'List active sessions (--all: also expired and revoked ones)',
  usage: ['sessions [--all] [--json]'],
  details: 'Asks the running Hallpass when there is one, else reads the database.',
  options: {
    all: { type: 'boolean', help: 'include expired and revoked sessions' },
    json: JSON_OPTION,
  },
  args: { min: 0, max: 0, names: '' },
  async run(ctx, { values }) {
    const sessions = await withControl(ctx, (control) => control.sessions());
    const shown = flagOption(values, 'all') ? sessions : sessions.filter((s) => s.state === 'active');
    if (flagOption(values, 'json')) {
      printJson(ctx, shown);
      return 0;
    }
    const now = ctx.clock.now();
    printTable(ctx, ['ID', 'CLIENT', 'STATE', 'ENDS', 'CALLS', 'GRANTS', 'TASK'], shown.map((s) => [
      s.id, s.clientName, s.state, formatRelative(s.revokedAt ?? s.expiresAt, now), String(s.calls), describeGrants(s.grants), oneLine(s.task),
    ]), flagOption(values, 'all') ? 'No sessions.' : 'No active sessions.');
    return 0;
  },
};

/** `hallpass revoke ID`. */
export const revokeCommand: CommandSpec = {
  path: 'revoke',
  summary: 'Revoke one session now; its in-flight calls are aborted',
  usage: ['revoke SESSION_ID'],
  options: {},
  args: { min: 1, max: 1, names: 'a SESSION_ID (see `hallpass sessions`)' },
  async run(ctx, { args }) {
    await withControl(ctx, async (control, instance) => {
      const s = await control.revoke(args[0]!);
      ctx.out(`Revoked session ${s.id} of ${s.clientName} through ${where(instance !== undefined)}.\n`);
    });
    return 0;
  },
};

/** `hallpass kill`. */
export const killCommand: CommandSpec = {
  path: 'kill',
  summary: 'Kill switch: revoke every session, abort every call, deny every request, lock down',
  usage: ['kill'],
  details: 'New requests are refused until a person re-arms (`hallpass rearm` or the UI).',
  options: {},
  args: { min: 0, max: 0, names: '' },
  async run(ctx) {
    await withControl(ctx, async (control, instance) => {
      const r = await control.kill();
      ctx.out(`Kill switch pulled through ${where(instance !== undefined)}: ${r.revokedSessions} session(s) revoked, ${r.abortedCalls} call(s) aborted, ${r.deniedRequests} request(s) denied.\nHallpass stays locked down until \`hallpass rearm\`.\n`);
    });
    return 0;
  },
};

/** `hallpass rearm`. */
export const rearmCommand: CommandSpec = {
  path: 'rearm',
  summary: 'End the lockdown after a kill, so agents may ask for access again',
  usage: ['rearm'],
  options: {},
  args: { min: 0, max: 0, names: '' },
  async run(ctx) {
    await withControl(ctx, async (control) => {
      if (!(await control.status()).lockedDown) {
        ctx.out('Hallpass is not locked down: nothing to re-arm.\n');
        return;
      }
      if ((await control.rearm()).lockedDown) throw new CliError('Hallpass is still locked down');
      ctx.out('Re-armed: agents may ask for access again (each request still needs a person\'s approval).\n');
    });
    return 0;
  },
};

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}
