import assert from 'node:assert/strict';
import { test } from 'node:test';
import { visibleRows } from '../../../renderer/features/activity/audit-rows.ts';
import { clientConfigText } from '../../../renderer/features/clients/client-config.ts';
import { clockText, elapsedText, minutesLabel, remainingText, sessionPhase } from '../../../renderer/features/sessions/clock-text.ts';
import { auditRow } from './support/views.ts';

test('countdowns round up, so 00:00 appears only once the session has ended', () => {
  assert.equal(remainingText(10_000, 0), '00:10');
  assert.equal(remainingText(10_000, 9_001), '00:01');
  assert.equal(remainingText(10_000, 10_000), '00:00');
  assert.equal(remainingText(10_000, 99_999), '00:00');
  assert.equal(clockText(3600), '1:00:00');
  assert.equal(clockText(59 * 60 + 59), '59:59');
  assert.equal(elapsedText(0, 61_999), '01:01');
});

test('a session is in its last minute from 60 s before it ends', () => {
  assert.equal(sessionPhase(100_000, 39_999), 'running');
  assert.equal(sessionPhase(100_000, 40_000), 'last-minute');
  assert.equal(sessionPhase(100_000, 100_000), 'ended');
  assert.equal(minutesLabel(90), '90 min');
  assert.equal(minutesLabel(150), '2 h 30 min');
  assert.equal(minutesLabel(480), '8 h');
  assert.equal(minutesLabel(15), '15 min');
});

test('activity rows filter by connection and decision, newest first', () => {
  const rows = [
    auditRow({ seq: 1, kind: 'allowed', at: 1, connection: 'a' }),
    auditRow({ seq: 2, kind: 'denied', at: 2, connection: 'b' }),
    auditRow({ seq: 3, kind: 'allowed', at: 3, connection: 'b' }),
  ];
  assert.deepEqual(visibleRows(rows, {}).map((r) => r.seq), [3, 2, 1]);
  assert.deepEqual(visibleRows(rows, { connection: 'b' }).map((r) => r.seq), [3, 2]);
  assert.deepEqual(visibleRows(rows, { connection: 'b', decision: 'allowed' }).map((r) => r.seq), [3]);
});

test('a new client config carries the URL and token as a bearer header', () => {
  const { json, claudeCode } = clientConfigText('http://127.0.0.1:4255/mcp', 'hp_secret');
  assert.deepEqual(JSON.parse(json), {
    mcpServers: { hallpass: { type: 'http', url: 'http://127.0.0.1:4255/mcp', headers: { Authorization: 'Bearer hp_secret' } } },
  });
  assert.match(claudeCode, /--header "Authorization: Bearer hp_secret"/);
});
