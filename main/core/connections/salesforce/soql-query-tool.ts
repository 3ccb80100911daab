/** Salesforce `soql_query`: GET /services/data/vXX.X/query?q=… (and its nextRecordsUrl pages). */
import { z } from 'zod';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { DATA_PATH } from './salesforce-profile.ts';
import { plainRecord } from './salesforce-shared.ts';

/** Runs a SOQL query, or fetches the next page of an earlier one. */
export const soqlQueryTool = defineTool({
  name: 'soql_query',
  title: 'Run a SOQL query',
  description:
    'Runs a SOQL query (e.g. "SELECT Id, Name FROM Account WHERE Industry = \'Energy\' LIMIT 10"). ' +
    'When the answer says done=false, call again with nextRecordsUrl for the next page.',
  input: z
    .strictObject({
      query: z.string().min(1).max(100_000).optional(),
      nextRecordsUrl: z
        .string()
        .regex(/^\/services\/data\/v\d{2,3}\.0\/query\/[A-Za-z0-9-]{1,100}$/, 'a nextRecordsUrl returned by an earlier query')
        .optional(),
    })
    .refine((args) => (args.query === undefined) !== (args.nextRecordsUrl === undefined), 'give exactly one of query or nextRecordsUrl'),
  access: 'read',
  async run(args, ctx) {
    // nextRecordsUrl is a path on the same instance (validated above), never a full URL.
    const request = args.query === undefined
      ? { method: 'GET' as const, path: args.nextRecordsUrl as string }
      : { method: 'GET' as const, path: `${DATA_PATH}/query`, query: { q: args.query } };
    const result = await ctx.api.json(
      request,
      z.looseObject({
        totalSize: z.number(),
        done: z.boolean(),
        nextRecordsUrl: z.string().optional(),
        records: z.array(z.record(z.string(), z.unknown())),
      }),
    );
    return jsonResult({
      totalSize: result.totalSize,
      done: result.done,
      nextRecordsUrl: result.nextRecordsUrl,
      records: result.records.map(plainRecord),
    });
  },
});
