/** Snowflake connector against the SQL API fixture: per-call access, results, async polling, cancel. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProgressUpdate } from '../../../main/core/connections/connection-types.ts';
import { createSnowflakeConnection } from '../../../main/core/connections/snowflake/snowflake-connection.ts';
import { jsonOf, startHarness, textOf, type Harness } from '../../support/fixture-harness.ts';
import { startSnowflakeFixture, type SnowflakeFixture } from '../../support/fixture-snowflake.ts';

describe('Snowflake connector', () => {
  let h: Harness<SnowflakeFixture>;
  before(async () => {
    h = startHarness(await startSnowflakeFixture(), 'snowflake', createSnowflakeConnection);
  });
  after(async () => {
    h.assertNoSecrets();
    await h.close();
  });

  it('lists query as write and classifies each call from its SQL', () => {
    assert.deepEqual(h.connection.tools().map((t) => [t.name, t.access, t.annotations?.readOnlyHint]), [['query', 'write', false]]);
    const classify = (statement: unknown): string => h.connection.classifyCall('query', { statement });
    assert.equal(classify('SELECT * FROM orders'), 'read');
    assert.equal(classify('show tables'), 'read');
    assert.equal(classify("INSERT INTO orders VALUES (4, 'x', 1)"), 'write');
    assert.equal(classify('SELECT 1; DROP TABLE orders'), 'write');
    assert.equal(classify(42), 'write', 'arguments that do not validate are write');
    assert.equal(h.connection.classifyCall('query', { statement: 'SELECT 1', extra: true }), 'write');
    assert.equal(h.connection.classifyCall('drop_everything', { statement: 'SELECT 1' }), 'write');
  });

  it('submits a statement as documented and maps the ResultSet', async () => {
    const result = jsonOf(await h.call('query', { statement: 'SELECT ID, CUSTOMER FROM orders', warehouse: 'WH_XS', role: 'ANALYST' })) as Record<string, unknown>;
    const req = h.fixture.last();
    assert.deepEqual([req.method, req.path], ['POST', '/api/v2/statements']);
    assert.equal(req.headers['x-snowflake-authorization-token-type'], 'OAUTH');
    assert.equal(req.headers.accept, 'application/json');
    assert.deepEqual(JSON.parse(req.body.toString()), {
      statement: 'SELECT ID, CUSTOMER FROM orders', timeout: 60, warehouse: 'WH_XS', role: 'ANALYST', parameters: { MULTI_STATEMENT_COUNT: '1' },
    });
    assert.deepEqual(result.columns, [{ name: 'ID', type: 'fixed' }, { name: 'CUSTOMER', type: 'text' }]);
    assert.deepEqual(result.rows, [['1', 'acme'], ['2', 'globex'], ['3', 'acme']]);
    assert.deepEqual([result.numRows, result.truncated, result.message], [3, false, 'Statement executed successfully.']);
  });

  it('returns at most maxRows rows and says so', async () => {
    const result = jsonOf(await h.call('query', { statement: 'SELECT * FROM orders', maxRows: 2 })) as Record<string, unknown>;
    assert.deepEqual([(result.rows as unknown[]).length, result.numRows, result.truncated], [2, 3, true]);
  });

  it('runs writes (the gateway authorised them as write)', async () => {
    const result = jsonOf(await h.call('query', { statement: "INSERT INTO orders VALUES (4, 'initech', 9)" })) as Record<string, unknown>;
    assert.deepEqual(result.rows, [['1']]);
    assert.deepEqual(h.fixture.tables.get('ORDERS')?.rows.at(-1), ['4', 'initech', '9']);
  });

  it('relies on MULTI_STATEMENT_COUNT=1 as a second guard: Snowflake refuses several statements', async () => {
    const result = await h.call('query', { statement: 'SELECT * FROM orders; SELECT * FROM orders' });
    assert.equal(result.isError, true);
    assert.equal(textOf(result), 'Snowflake error (HTTP 422): Actual statement count 2 did not match the desired statement count 1. (code 000008, SQLSTATE 0A000)');
  });

  it("refreshes after the provider's documented 401 and retries", async () => {
    const old = await h.tokens.accessToken();
    h.fixture.auth.expire(old);
    const before = h.fixture.requests.length;
    assert.notEqual((await h.call('query', { statement: 'SHOW TABLES' })).isError, true);
    const [rejected, retried] = h.fixture.requests.slice(before);
    assert.equal(rejected?.headers.authorization, `Bearer ${old}`);
    assert.equal(retried?.headers.authorization, `Bearer ${await h.tokens.accessToken()}`);
    assert.equal(h.fixture.auth.refreshes, 1);
  });

  it('reports SQL errors from the QueryFailureStatus body', async () => {
    const result = await h.call('query', { statement: 'SELEC 1' });
    assert.equal(textOf(result), "Snowflake error (HTTP 422): SQL compilation error:\nsyntax error line 1 at position 0 unexpected 'SELEC'. (code 001003, SQLSTATE 42000)");
  });

  it('polls a statement that is still running (202), reporting progress', async () => {
    h.fixture.runNextAsync(3);
    const progress: ProgressUpdate[] = [];
    const waitsBefore = h.waits.length;
    const result = await h.connection.callTool('query', { statement: 'SHOW TABLES' }, { signal: new AbortController().signal, onProgress: (p) => progress.push(p) });
    h.results.push(result);
    assert.deepEqual((jsonOf(result) as Record<string, unknown>).rows, [['ORDERS', '4']]);
    const polls = h.fixture.requests.slice(-3);
    assert.ok(polls.every((r) => r.method === 'GET' && r.path.startsWith('/api/v2/statements/')));
    assert.deepEqual(h.waits.slice(waitsBefore), [1000, 1000, 1000]);
    assert.deepEqual(progress.map((p) => p.progress), [1, 2, 3]);
  });

  it('cancels the statement at Snowflake when the call is aborted while polling', async () => {
    const fixture = await startSnowflakeFixture();
    let entered: () => void = () => {};
    const sleeping = new Promise<void>((resolve) => (entered = resolve));
    const untilAborted = (_ms: number, signal: AbortSignal): Promise<void> => {
      entered();
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));
    };
    const hh = startHarness(fixture, 'snowflake', createSnowflakeConnection, { sleep: untilAborted });
    try {
      fixture.runNextAsync(5);
      const controller = new AbortController();
      const call = hh.call('query', { statement: 'SELECT * FROM orders' }, controller.signal);
      await sleeping;
      controller.abort(new Error('revoked by the person'));
      await assert.rejects(call, /revoked by the person/);
      assert.equal(fixture.cancelled.length, 1);
      assert.equal(fixture.last().path, `/api/v2/statements/${fixture.cancelled[0]}/cancel`);
      assert.equal(fixture.last().method, 'POST');
    } finally {
      await hh.close();
    }
  });

  it('says what to configure when there is no account URL', async () => {
    const conn = createSnowflakeConnection(
      { kind: 'oauth', id: 'sf', provider: 'snowflake', clientId: 'c', enabled: true },
      { tokenSource: h.tokens, clock: { now: () => 0 } },
    );
    const result = await conn.callTool('query', { statement: 'SELECT 1' }, { signal: new AbortController().signal });
    assert.equal(textOf(result), 'connection "sf" has no Snowflake account URL; set its baseUrl to https://<account>.snowflakecomputing.com');
    await conn.dispose();
  });
});
