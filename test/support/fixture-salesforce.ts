/** A fixture of the Salesforce REST API: SOQL query (+ query locators), describe, sObject rows, create. */
import { jsonBody, startFixtureServer, type FixtureReply, type FixtureServer, type RecordedRequest } from './fixture-server.ts';

interface FieldSpec {
  name: string;
  label: string;
  type: string;
  required?: boolean;
  picklist?: string[];
  referenceTo?: string;
}

const OBJECTS: Record<string, { label: string; keyPrefix: string; fields: FieldSpec[] }> = {
  Account: {
    label: 'Account', keyPrefix: '001',
    fields: [
      { name: 'Id', label: 'Account ID', type: 'id' },
      { name: 'Name', label: 'Account Name', type: 'string', required: true },
      { name: 'Industry', label: 'Industry', type: 'picklist', picklist: ['Energy', 'Retail', 'Technology'] },
      { name: 'NumberOfEmployees', label: 'Employees', type: 'int' },
    ],
  },
  Contact: {
    label: 'Contact', keyPrefix: '003',
    fields: [
      { name: 'Id', label: 'Contact ID', type: 'id' },
      { name: 'LastName', label: 'Last Name', type: 'string', required: true },
      { name: 'Email', label: 'Email', type: 'email' },
      { name: 'AccountId', label: 'Account ID', type: 'reference', referenceTo: 'Account' },
    ],
  },
};

/** The Salesforce fixture and its records (by object, then id). */
export interface SalesforceFixture extends FixtureServer {
  records: Map<string, Map<string, Record<string, unknown>>>;
  /** Records per query batch (Salesforce's default is 2,000). */
  batchSize: number;
}

/** Salesforce's documented error array. */
export function salesforceError(status: number, errorCode: string, message: string, fields?: string[]): FixtureReply {
  return { status, json: [{ message, errorCode, ...(fields ? { fields } : {}) }] };
}

/** Starts a fixture with two Accounts and one Contact; API version must be v62.0. */
export async function startSalesforceFixture(): Promise<SalesforceFixture> {
  const records = new Map<string, Map<string, Record<string, unknown>>>([
    ['Account', new Map([
      ['001000000000001AAA', { Id: '001000000000001AAA', Name: 'Acme Energy', Industry: 'Energy', NumberOfEmployees: 120 }],
      ['001000000000002AAA', { Id: '001000000000002AAA', Name: 'Globex Retail', Industry: 'Retail', NumberOfEmployees: 40 }],
    ])],
    ['Contact', new Map([['003000000000001AAA', { Id: '003000000000001AAA', LastName: 'Doe', Email: 'jo@acme.example', AccountId: '001000000000001AAA' }]])],
  ]);
  const cursors = new Map<string, Array<Record<string, unknown>>>();
  const base = '/services/data/v62.0';
  const withAttributes = (type: string, record: Record<string, unknown>): Record<string, unknown> => ({
    attributes: { type, url: `${base}/sobjects/${type}/${String(record.Id)}` }, ...record,
  });
  const batch = (all: Array<Record<string, unknown>>, total: number): FixtureReply => {
    const size = fixture.batchSize;
    if (all.length <= size) return { status: 200, json: { totalSize: total, done: true, records: all } };
    const locator = `01gFIX${cursors.size}-${size}`;
    cursors.set(locator, all.slice(size));
    return { status: 200, json: { totalSize: total, done: false, nextRecordsUrl: `${base}/query/${locator}`, records: all.slice(0, size) } };
  };

  const query = (soql: string): FixtureReply => {
    const m = /^SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(\w+)\s*=\s*'([^']*)')?(?:\s+LIMIT\s+(\d+))?\s*$/i.exec(soql);
    if (m === null) return salesforceError(400, 'MALFORMED_QUERY', `unexpected token: '${soql.split(/\s+/)[0] ?? ''}'`);
    const [, list, object, whereField, whereValue, limit] = m as unknown as [string, string, string, string?, string?, string?];
    const spec = OBJECTS[object];
    if (spec === undefined) return salesforceError(400, 'INVALID_TYPE', `sObject type '${object}' is not supported.`);
    const fields = list.split(',').map((f) => f.trim());
    const unknown = [...fields, ...(whereField ? [whereField] : [])].find((f) => !spec.fields.some((s) => s.name === f));
    if (unknown !== undefined) return salesforceError(400, 'INVALID_FIELD', `No such column '${unknown}' on entity '${object}'.`);
    let rows = [...(records.get(object)?.values() ?? [])].filter((r) => whereField === undefined || String(r[whereField]) === whereValue);
    if (limit !== undefined) rows = rows.slice(0, Number(limit));
    const projected = rows.map((r) => withAttributes(object, Object.fromEntries(fields.map((f) => [f, r[f] ?? null]))));
    return batch(projected, projected.length);
  };

  const route = (req: RecordedRequest): FixtureReply => {
    const v = /^\/services\/data\/(v\d+\.\d)(\/.*)$/.exec(req.path);
    if (v === null) return salesforceError(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (v[1] !== 'v62.0') return salesforceError(404, 'NOT_FOUND', `API version ${String(v[1])} is not served by this fixture`);
    const rest = v[2] as string;
    let m: RegExpExecArray | null;
    if (rest === '/query' && req.method === 'GET') return query(req.query.get('q') ?? '');
    if ((m = /^\/query\/([A-Za-z0-9-]+)$/.exec(rest)) && req.method === 'GET') {
      const remaining = cursors.get(m[1] as string);
      if (remaining === undefined) return salesforceError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      cursors.delete(m[1] as string);
      return batch(remaining, remaining.length);
    }
    if ((m = /^\/sobjects\/(\w+)\/describe$/.exec(rest)) && req.method === 'GET') {
      const spec = OBJECTS[m[1] as string];
      if (spec === undefined) return salesforceError(404, 'NOT_FOUND', 'The requested resource does not exist');
      return {
        status: 200,
        json: {
          name: m[1], label: spec.label, keyPrefix: spec.keyPrefix, createable: true, updateable: true, queryable: true,
          fields: spec.fields.map((f) => ({
            name: f.name, label: f.label, type: f.type, length: f.type === 'string' ? 255 : 0, nillable: !f.required && f.name !== 'Id',
            createable: f.name !== 'Id', updateable: f.name !== 'Id', referenceTo: f.referenceTo ? [f.referenceTo] : [],
            picklistValues: (f.picklist ?? []).map((value) => ({ value, label: value, active: true, defaultValue: false })),
          })),
        },
      };
    }
    if ((m = /^\/sobjects\/(\w+)\/?$/.exec(rest)) && req.method === 'POST') return create(m[1] as string, jsonBody(req) as Record<string, unknown>);
    if ((m = /^\/sobjects\/(\w+)\/([A-Za-z0-9]{15,18})$/.exec(rest))) {
      const [object, id] = [m[1] as string, m[2] as string];
      const record = records.get(object)?.get(id);
      if (record === undefined) return salesforceError(404, 'NOT_FOUND', 'The requested resource does not exist');
      if (req.method === 'GET') {
        const wanted = req.query.get('fields')?.split(',');
        return { status: 200, json: withAttributes(object, wanted ? Object.fromEntries(['Id', ...wanted].map((f) => [f, record[f] ?? null])) : record) };
      }
      if (req.method === 'PATCH') {
        const body = jsonBody(req) as Record<string, unknown>;
        const bad = Object.keys(body).find((f) => !OBJECTS[object]?.fields.some((s) => s.name === f && f !== 'Id'));
        if (bad !== undefined) return salesforceError(400, 'INVALID_FIELD', `No such column '${bad}' on sobject of type ${object}`);
        Object.assign(record, body);
        return { status: 204 };
      }
    }
    return salesforceError(404, 'NOT_FOUND', 'The requested resource does not exist');
  };

  const create = (object: string, body: Record<string, unknown>): FixtureReply => {
    const spec = OBJECTS[object];
    if (spec === undefined) return salesforceError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const bad = Object.keys(body).find((f) => !spec.fields.some((s) => s.name === f && f !== 'Id'));
    if (bad !== undefined) return salesforceError(400, 'INVALID_FIELD', `No such column '${bad}' on sobject of type ${object}`);
    const missing = spec.fields.filter((f) => f.required && body[f.name] === undefined).map((f) => f.name);
    if (missing.length > 0) return salesforceError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
    const table = records.get(object) as Map<string, Record<string, unknown>>;
    const id = `${spec.keyPrefix}${String(table.size + 1).padStart(12, '0')}AAA`;
    table.set(id, { Id: id, ...body });
    return { status: 201, json: { id, success: true, errors: [] } };
  };

  const server = await startFixtureServer({
    name: 'salesforce',
    unauthorized: () => salesforceError(401, 'INVALID_SESSION_ID', 'Session expired or invalid'),
    tokenExtras: (url) => ({ instance_url: url, id: `${url}/id/00D000000000001AAA/005000000000001AAA`, issued_at: '1748779200000' }),
    route,
  });
  const fixture: SalesforceFixture = Object.assign(server, { records, batchSize: 2000 });
  return fixture;
}
