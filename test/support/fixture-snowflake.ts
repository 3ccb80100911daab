/** A fixture of the Snowflake SQL API v2: submit, poll (202), cancel, ResultSet and QueryFailureStatus bodies. */
import { randomUUID } from 'node:crypto';
import { jsonBody, startFixtureServer, type FixtureReply, type FixtureServer, type RecordedRequest } from './fixture-server.ts';

interface Table {
  columns: Array<{ name: string; type: 'FIXED' | 'TEXT' }>;
  rows: string[][];
}

/** The Snowflake fixture: its tables, and statements it should run "asynchronously". */
export interface SnowflakeFixture extends FixtureServer {
  tables: Map<string, Table>;
  /** The next statement answers 202 and needs this many polls before its result. */
  runNextAsync(polls: number): void;
  /** Handles whose cancel endpoint was called. */
  cancelled: string[];
}

/** Snowflake's QueryFailureStatus body. */
export function snowflakeError(status: number, code: string, message: string, sqlState?: string): FixtureReply {
  return { status, json: { code, message, ...(sqlState ? { sqlState } : {}), statementHandle: randomUUID(), createdOn: 1748779200000 } };
}

/** Starts a fixture with an ORDERS table. */
export async function startSnowflakeFixture(): Promise<SnowflakeFixture> {
  const tables = new Map<string, Table>([
    ['ORDERS', { columns: [{ name: 'ID', type: 'FIXED' }, { name: 'CUSTOMER', type: 'TEXT' }, { name: 'AMOUNT', type: 'FIXED' }], rows: [['1', 'acme', '120'], ['2', 'globex', '40'], ['3', 'acme', '75']] }],
  ]);
  const pending = new Map<string, { polls: number; result: FixtureReply }>();
  const cancelled: string[] = [];
  let nextAsync = 0;

  const resultSet = (handle: string, columns: Table['columns'], rows: string[][]): FixtureReply => ({
    status: 200,
    json: {
      resultSetMetaData: {
        numRows: rows.length, format: 'jsonv2',
        partitionInfo: [{ rowCount: rows.length, uncompressedSize: JSON.stringify(rows).length }],
        rowType: columns.map((c) => ({ name: c.name, type: c.type.toLowerCase(), nullable: true, precision: c.type === 'FIXED' ? 38 : null, scale: c.type === 'FIXED' ? 0 : null })),
      },
      data: rows, code: '090001', statementStatusUrl: `/api/v2/statements/${handle}?requestId=${randomUUID()}`,
      requestId: randomUUID(), sqlState: '00000', statementHandle: handle, message: 'Statement executed successfully.', createdOn: 1748779200000,
    },
  });

  const execute = (sql: string, handle: string): FixtureReply => {
    const s = sql.trim().replace(/;$/, '').trim();
    let m: RegExpExecArray | null;
    if ((m = /^select\s+(.+?)\s+from\s+(\w+)(?:\s+limit\s+(\d+))?$/i.exec(s))) {
      const table = tables.get((m[2] as string).toUpperCase());
      if (table === undefined) return snowflakeError(422, '002003', `SQL compilation error:\nObject '${(m[2] as string).toUpperCase()}' does not exist or not authorized.`, '42S02');
      const names = m[1] === '*' ? table.columns.map((c) => c.name) : (m[1] as string).split(',').map((c) => c.trim().toUpperCase());
      const index = names.map((n) => table.columns.findIndex((c) => c.name === n));
      if (index.includes(-1)) return snowflakeError(422, '000904', 'SQL compilation error: invalid identifier', '42000');
      const rows = table.rows.slice(0, m[3] === undefined ? undefined : Number(m[3])).map((r) => index.map((i) => r[i] as string));
      return resultSet(handle, index.map((i) => table.columns[i] as Table['columns'][number]), rows);
    }
    if (/^show\s+tables$/i.test(s)) {
      return resultSet(handle, [{ name: 'name', type: 'TEXT' }, { name: 'rows', type: 'FIXED' }], [...tables].map(([name, t]) => [name, String(t.rows.length)]));
    }
    if ((m = /^insert\s+into\s+(\w+)\s+values\s+(.+)$/i.exec(s))) {
      const table = tables.get((m[1] as string).toUpperCase());
      if (table === undefined) return snowflakeError(422, '002003', 'SQL compilation error: table does not exist', '42S02');
      const tuples = [...(m[2] as string).matchAll(/\(([^)]*)\)/g)].map((t) => (t[1] as string).split(',').map((v) => v.trim().replace(/^'|'$/g, '')));
      table.rows.push(...tuples);
      return resultSet(handle, [{ name: 'number of rows inserted', type: 'FIXED' }], [[String(tuples.length)]]);
    }
    return snowflakeError(422, '001003', `SQL compilation error:\nsyntax error line 1 at position 0 unexpected '${s.split(/\s+/)[0] ?? ''}'.`, '42000');
  };

  const route = (req: RecordedRequest): FixtureReply => {
    if (req.headers['x-snowflake-authorization-token-type'] !== 'OAUTH') {
      return snowflakeError(401, '390303', 'Invalid OAuth access token. This fixture only accepts X-Snowflake-Authorization-Token-Type: OAUTH.');
    }
    if (req.method === 'POST' && req.path === '/api/v2/statements') {
      const body = jsonBody(req) as { statement?: unknown; parameters?: { MULTI_STATEMENT_COUNT?: unknown } };
      if (typeof body.statement !== 'string') return snowflakeError(400, '391903', 'Unable to parse the request body: statement is required.');
      const desired = Number(body.parameters?.MULTI_STATEMENT_COUNT ?? '1');
      const actual = body.statement.split(';').filter((part) => part.trim() !== '').length;
      if (desired !== 0 && actual !== desired) {
        return snowflakeError(422, '000008', `Actual statement count ${actual} did not match the desired statement count ${desired}.`, '0A000');
      }
      const handle = randomUUID();
      const result = execute(body.statement, handle);
      if (nextAsync > 0) {
        pending.set(handle, { polls: nextAsync, result });
        nextAsync = 0;
        return { status: 202, json: { code: '333334', message: 'Asynchronous execution in progress. Use provided query id to perform query monitoring and management.', statementHandle: handle, statementStatusUrl: `/api/v2/statements/${handle}` } };
      }
      return result;
    }
    const m = /^\/api\/v2\/statements\/([0-9a-f-]+)(\/cancel)?$/.exec(req.path);
    const job = m ? pending.get(m[1] as string) : undefined;
    if (m === null || job === undefined) return snowflakeError(404, '000709', 'Statement not found.');
    if (m[2] !== undefined && req.method === 'POST') {
      cancelled.push(m[1] as string);
      pending.delete(m[1] as string);
      return { status: 200, json: { code: '000604', sqlState: '57014', message: 'Statement canceled successfully.', statementHandle: m[1] } };
    }
    job.polls -= 1;
    if (job.polls > 0) return { status: 202, json: { code: '333334', message: 'Asynchronous execution in progress.', statementHandle: m[1] } };
    return job.result;
  };

  const server = await startFixtureServer({
    name: 'snowflake',
    unauthorized: () => snowflakeError(401, '390318', 'OAuth access token expired. [1172527951366]'),
    route,
  });
  return Object.assign(server, {
    tables,
    cancelled,
    runNextAsync(polls: number) {
      nextAsync = polls;
    },
  });
}
