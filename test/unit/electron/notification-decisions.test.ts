// Notifications: one per new request, one a minute before a session ends (once), none for what is gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideNotices, EXPIRY_WARNING_MS, killedNotice, NOTHING_ANNOUNCED } from '../../../main/electron/notification-decisions.ts';
import type { Announced } from '../../../main/electron/notification-decisions.ts';
import type { RequestView, SessionView } from '../../../main/core/control/schemas.ts';

const NOW = 1_800_000_000_000;
function request(id: string, over: Partial<RequestView> = {}): RequestView {
  return {
    id, clientId: 'cli_1', clientName: 'Cursor', task: 'Tidy the repo', grants: [{ connection: 'github', access: 'write' }],
    trigger: { tool: 'github__create_issue', argsSummary: 'title: "x"' },
    createdAt: NOW, lapsesAt: NOW + 300_000, state: 'pending', maxTtlSeconds: 3600, ...over,
  };
}
function session(id: string, over: Partial<SessionView> = {}): SessionView {
  return {
    id, clientId: 'cli_1', clientName: 'Claude', task: 'Answer mail', grants: [{ connection: 'mail', access: 'read' }],
    createdAt: NOW - 15 * 60_000, expiresAt: NOW + 5 * 60_000, state: 'active', calls: 0, ...over,
  };
}

test('a new pending request is announced once, with client, task, access and the triggering tool', () => {
  const first = decideNotices(NOTHING_ANNOUNCED, [request('r1')], [], NOW);
  assert.deepEqual(first.notices, [{
    kind: 'request', requestId: 'r1', title: 'Cursor asks for access',
    body: 'Tidy the repo\ngithub (write)\nTriggered by github__create_issue',
  }]);
  assert.ok(!JSON.stringify(first.notices).includes('title: "x"'), 'argument summaries stay in the window');
  const second = decideNotices(first.announced, [request('r1')], [], NOW + 5_000);
  assert.deepEqual(second.notices, []);
  const third = decideNotices(second.announced, [request('r1'), request('r2')], [], NOW + 6_000);
  assert.deepEqual(third.notices.map((n) => n.kind === 'request' && n.requestId), ['r2']);
});

test('decided or lapsed requests are not announced, and are forgotten', () => {
  const decided = decideNotices(NOTHING_ANNOUNCED, [request('r1', { state: 'denied' }), request('r2', { lapsesAt: NOW })], [], NOW);
  assert.deepEqual(decided.notices, []);
  const seen = decideNotices(NOTHING_ANNOUNCED, [request('r1')], [], NOW).announced;
  const after = decideNotices(seen, [request('r1', { state: 'approved' })], [], NOW + 1);
  assert.equal(after.announced.requests.size, 0, 'bounded: only ids still pending are remembered');
});

test('a session gets one warning when it enters its last minute', () => {
  const s = session('s1');
  let announced: Announced = NOTHING_ANNOUNCED;
  const early = decideNotices(announced, [], [s], s.expiresAt - EXPIRY_WARNING_MS - 1);
  assert.deepEqual(early.notices, []);
  announced = early.announced;
  const due = decideNotices(announced, [], [s], s.expiresAt - EXPIRY_WARNING_MS);
  assert.deepEqual(due.notices, [{ kind: 'expiring', sessionId: 's1', title: 'Session ends in 1 minute', body: 'Claude: Answer mail\nMore time needs a new approval.' }]);
  const again = decideNotices(due.announced, [], [s], s.expiresAt - 30_000);
  assert.deepEqual(again.notices, [], 'once per session');
  const gone = decideNotices(again.announced, [], [s], s.expiresAt);
  assert.equal(gone.announced.sessions.size, 0, 'forgotten once expired');
});

test('a late tick still warns, naming the seconds left; revoked, expired and short sessions never warn', () => {
  const late = decideNotices(NOTHING_ANNOUNCED, [], [session('s1')], NOW + 5 * 60_000 - 20_000);
  assert.equal(late.notices[0]?.title, 'Session ends in 20 seconds');
  const none = decideNotices(NOTHING_ANNOUNCED, [], [
    session('revoked', { state: 'revoked', expiresAt: NOW + 30_000 }),
    session('expired', { expiresAt: NOW }),
    session('short', { createdAt: NOW - 10_000, expiresAt: NOW + 50_000 }),
  ], NOW);
  assert.deepEqual(none.notices, []);
});

test('the kill confirmation says what happened and how to get out of lockdown', () => {
  const notice = killedNotice({ revokedSessions: 2, abortedCalls: 1, deniedRequests: 3 });
  assert.equal(notice.kind, 'killed');
  assert.match(notice.body, /2 session\(s\) revoked, 1 call\(s\) aborted, 3 request\(s\) denied/);
  assert.match(notice.body, /re-arm/);
});
