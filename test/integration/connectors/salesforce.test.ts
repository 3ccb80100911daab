/** Salesforce connector against the Salesforce fixture: every tool, instance URL from the token response. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSalesforceConnection } from '../../../main/core/connections/salesforce/salesforce-connection.ts';
import { jsonOf, startHarness, textOf, type Harness } from '../../support/fixture-harness.ts';
import { startSalesforceFixture, type SalesforceFixture } from '../../support/fixture-salesforce.ts';

describe('Salesforce connector', () => {
  let h: Harness<SalesforceFixture>;
  before(async () => {
    // No baseUrl: the API must be found through the token response's instance_url.
    h = startHarness(await startSalesforceFixture(), 'salesforce', createSalesforceConnection, { config: { baseUrl: undefined } });
  });
  after(async () => {
    h.assertNoSecrets();
    await h.close();
  });

  it('lists its tools with exact access classes', () => {
    assert.deepEqual(Object.fromEntries(h.connection.tools().map((t) => [t.name, t.access])), {
      soql_query: 'read', describe_object: 'read', get_record: 'read', create_record: 'write', update_record: 'write',
    });
  });

  it("runs SOQL on the token's instance_url and strips record envelopes", async () => {
    assert.equal(h.tokens.extra('instance_url'), h.fixture.url);
    const result = jsonOf(await h.call('soql_query', { query: "SELECT Id, Name FROM Account WHERE Industry = 'Energy'" })) as Record<string, unknown>;
    const req = h.fixture.last();
    assert.equal(req.path, '/services/data/v62.0/query');
    assert.equal(req.query.get('q'), "SELECT Id, Name FROM Account WHERE Industry = 'Energy'");
    assert.deepEqual(result, { totalSize: 1, done: true, records: [{ type: 'Account', Id: '001000000000001AAA', Name: 'Acme Energy' }] });
  });

  it('follows nextRecordsUrl for the next batch', async () => {
    h.fixture.batchSize = 1;
    try {
      const first = jsonOf(await h.call('soql_query', { query: 'SELECT Id FROM Account' })) as { done: boolean; nextRecordsUrl: string; records: unknown[] };
      assert.equal(first.done, false);
      assert.match(first.nextRecordsUrl, /^\/services\/data\/v62\.0\/query\/01gFIX/);
      const second = jsonOf(await h.call('soql_query', { nextRecordsUrl: first.nextRecordsUrl })) as { done: boolean; records: unknown[] };
      assert.equal(h.fixture.last().path, first.nextRecordsUrl);
      assert.deepEqual([first.records.length, second.records.length, second.done], [1, 1, true]);
    } finally {
      h.fixture.batchSize = 2000;
    }
    const foreign = await h.call('soql_query', { nextRecordsUrl: 'https://evil.example/services/data/v62.0/query/x' });
    assert.equal(foreign.isError, true, 'a nextRecordsUrl can only be a path on the instance');
  });

  it('describes an object', async () => {
    const described = jsonOf(await h.call('describe_object', { sobject: 'Account' })) as { name: string; fields: Array<Record<string, unknown>> };
    assert.equal(h.fixture.last().path, '/services/data/v62.0/sobjects/Account/describe');
    assert.equal(described.name, 'Account');
    const industry = described.fields.find((f) => f.name === 'Industry');
    assert.deepEqual(industry?.picklistValues, ['Energy', 'Retail', 'Technology']);
    assert.deepEqual(described.fields.find((f) => f.name === 'Id')?.createable, false);
  });

  it('gets a record, all fields or the ones named', async () => {
    const all = jsonOf(await h.call('get_record', { sobject: 'Contact', id: '003000000000001AAA' })) as Record<string, unknown>;
    assert.deepEqual(all, { type: 'Contact', Id: '003000000000001AAA', LastName: 'Doe', Email: 'jo@acme.example', AccountId: '001000000000001AAA' });
    const some = jsonOf(await h.call('get_record', { sobject: 'Contact', id: '003000000000001AAA', fields: ['Email'] })) as Record<string, unknown>;
    assert.equal(h.fixture.last().query.get('fields'), 'Email');
    assert.deepEqual(some, { type: 'Contact', Id: '003000000000001AAA', Email: 'jo@acme.example' });
  });

  it('creates and updates records', async () => {
    const created = jsonOf(await h.call('create_record', { sobject: 'Account', fields: { Name: 'Initech', Industry: 'Technology' } })) as { id: string; success: boolean };
    const post = h.fixture.last();
    assert.deepEqual([post.method, post.path, JSON.parse(post.body.toString())], ['POST', '/services/data/v62.0/sobjects/Account/', { Name: 'Initech', Industry: 'Technology' }]);
    assert.equal(created.success, true);
    const updated = jsonOf(await h.call('update_record', { sobject: 'Account', id: created.id, fields: { NumberOfEmployees: 9 } }));
    assert.deepEqual([h.fixture.last().method, h.fixture.last().path], ['PATCH', `/services/data/v62.0/sobjects/Account/${created.id}`]);
    assert.deepEqual(updated, { id: created.id, updated: true });
    assert.equal(h.fixture.records.get('Account')?.get(created.id)?.NumberOfEmployees, 9);
  });

  it("refreshes after the provider's documented 401 and retries", async () => {
    const old = await h.tokens.accessToken();
    h.fixture.auth.expire(old);
    const before = h.fixture.requests.length;
    assert.notEqual((await h.call('describe_object', { sobject: 'Contact' })).isError, true);
    const [rejected, retried] = h.fixture.requests.slice(before);
    assert.equal(rejected?.headers.authorization, `Bearer ${old}`);
    assert.equal(retried?.headers.authorization, `Bearer ${await h.tokens.accessToken()}`);
    assert.equal(h.fixture.auth.refreshes, 1);
  });

  it("turns Salesforce's error arrays into clear tool errors", async () => {
    const missing = await h.call('create_record', { sobject: 'Contact', fields: { Email: 'x@y.example' } });
    assert.equal(textOf(missing), 'Salesforce error (HTTP 400): REQUIRED_FIELD_MISSING: Required fields are missing: [LastName] [fields: LastName]');
    const malformed = await h.call('soql_query', { query: 'SELEC Id FROM Account' });
    assert.equal(textOf(malformed), "Salesforce error (HTTP 400): MALFORMED_QUERY: unexpected token: 'SELEC'");
    const notFound = await h.call('get_record', { sobject: 'Account', id: '001000000000999AAA' });
    assert.equal(textOf(notFound), 'Salesforce error (HTTP 404): NOT_FOUND: The requested resource does not exist');
  });

  it('refuses ids and names that are not Salesforce-shaped, before any request', async () => {
    const before = h.fixture.requests.length;
    assert.equal((await h.call('get_record', { sobject: 'Account', id: '../../limits' })).isError, true);
    assert.equal((await h.call('describe_object', { sobject: 'Account/../x' })).isError, true);
    assert.equal((await h.call('create_record', { sobject: 'Account', fields: {} })).isError, true);
    assert.equal(h.fixture.requests.length, before);
  });
});
