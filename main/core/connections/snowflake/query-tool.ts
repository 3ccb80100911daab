/** Snowflake `query`: runs one SQL statement through POST /api/v2/statements; read or write per statement. */
import { z } from 'zod';
import type { ApiResponse } from '../connector-kit/api-client.ts';
import { segment } from '../connector-kit/base-url.ts';
import { defineTool, jsonResult, type ToolContext } from '../connector-kit/connector-tool.ts';
import { decodeJson } from '../connector-kit/read-body.ts';
import { ToolFailure } from '../connector-kit/tool-failure.ts';
import { classifySql } from './sql-classifier.ts';

const POLL_INTERVAL_MS = 1_000;
const CANCEL_TIMEOUT_MS = 5_000;

/** Unquoted or double-quoted Snowflake identifier. */
const identifier = z.string().regex(/^(?:[A-Za-z_][A-Za-z0-9_$]{0,254}|"(?:[^"]|""){1,255}")$/, 'a Snowflake identifier');

const queryStatus = z.looseObject({ statementHandle: z.string().regex(/^[A-Za-z0-9-]{1,100}$/) });
const resultSet = z.looseObject({
  statementHandle: z.string(),
  message: z.string().optional(),
  resultSetMetaData: z
    .looseObject({
      numRows: z.number(),
      rowType: z.array(z.looseObject({ name: z.string(), type: z.string() })),
      partitionInfo: z.array(z.unknown()).optional(),
    })
    .optional(),
  data: z.array(z.array(z.string().nullable())).optional(),
});

/** Runs one SQL statement. */
export const queryTool = defineTool({
  name: 'query',
  title: 'Run a SQL statement',
  description:
    'Runs exactly one Snowflake SQL statement through the SQL API and returns its rows. Read-only statements ' +
    '(SELECT, WITH…SELECT, SHOW, DESCRIBE, EXPLAIN, LIST) need read access; anything else needs write access. ' +
    'Multiple statements in one call are refused by Snowflake.',
  input: z.strictObject({
    statement: z.string().min(1).max(100_000).describe('One SQL statement'),
    warehouse: identifier.optional(),
    database: identifier.optional(),
    schema: identifier.optional(),
    role: identifier.optional(),
    timeoutSeconds: z.number().int().min(1).max(3_600).default(60).describe('Snowflake cancels the statement after this long'),
    maxRows: z.number().int().min(1).max(10_000).default(500).describe('Rows returned to the caller at most'),
  }),
  access: 'write',
  classify: (args) => classifySql(args.statement).access,
  async run(args, ctx) {
    let response = await ctx.api.request({
      method: 'POST',
      path: '/api/v2/statements',
      json: {
        statement: args.statement,
        timeout: args.timeoutSeconds,
        warehouse: args.warehouse,
        database: args.database,
        schema: args.schema,
        role: args.role,
        // SECURITY: Snowflake itself refuses a request with more than one statement, whatever our classifier saw.
        parameters: { MULTI_STATEMENT_COUNT: '1' },
      },
    });
    if (response.status === 202) response = await waitForResult(response, args.timeoutSeconds, ctx);
    const result = decodeJson('Snowflake', response.body, resultSet);
    const rows = result.data ?? [];
    const meta = result.resultSetMetaData;
    const partitions = meta?.partitionInfo?.length ?? 1;
    return jsonResult({
      statementHandle: result.statementHandle,
      message: result.message,
      numRows: meta?.numRows ?? rows.length,
      columns: meta?.rowType.map((column) => ({ name: column.name, type: column.type })) ?? [],
      rows: rows.slice(0, args.maxRows),
      truncated: rows.length > args.maxRows || partitions > 1,
    });
  },
});

/** Polls GET /api/v2/statements/{handle} while Snowflake answers 202; cancels the statement if the call is aborted. */
async function waitForResult(first: ApiResponse, timeoutSeconds: number, ctx: ToolContext): Promise<ApiResponse> {
  const handle = decodeJson('Snowflake', first.body, queryStatus).statementHandle;
  const maxPolls = Math.ceil((timeoutSeconds * 1000) / POLL_INTERVAL_MS) + 5;
  let response = first;
  for (let polls = 1; response.status === 202; polls += 1) {
    if (polls > maxPolls) throw new ToolFailure(`Snowflake statement ${handle} is still running after its timeout`);
    ctx.progress({ progress: polls, message: `Snowflake statement ${handle} is still running` });
    try {
      await ctx.sleep(POLL_INTERVAL_MS, ctx.signal);
      response = await ctx.api.request({ method: 'GET', path: `/api/v2/statements/${segment(handle)}` });
    } catch (error) {
      if (ctx.signal.aborted) await cancelStatement(handle, ctx);
      throw error;
    }
  }
  return response;
}

/** Best effort: asks Snowflake to stop a statement whose caller went away. */
async function cancelStatement(handle: string, ctx: ToolContext): Promise<void> {
  try {
    await ctx.api.request({
      method: 'POST',
      path: `/api/v2/statements/${segment(handle)}/cancel`,
      signal: AbortSignal.timeout(CANCEL_TIMEOUT_MS),
    });
  } catch {
    // The statement still ends at its own timeout; the caller's abort is what matters now.
  }
}
