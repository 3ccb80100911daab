/** Salesforce `get_record`: GET /services/data/vXX.X/sobjects/{sobject}/{id}?fields=…. */
import { z } from 'zod';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { apiName, plainRecord, recordId, sobjectPath } from './salesforce-shared.ts';

/** Gets one record, all fields or the ones named. */
export const getRecordTool = defineTool({
  name: 'get_record',
  title: 'Get a record',
  description: 'Gets one record by object and id; all fields unless fields lists the ones wanted.',
  input: z.strictObject({ sobject: apiName, id: recordId, fields: z.array(apiName).min(1).max(200).optional() }),
  access: 'read',
  async run(args, ctx) {
    const record = await ctx.api.json(
      { method: 'GET', path: sobjectPath(args.sobject, args.id), query: { fields: args.fields?.join(',') } },
      z.record(z.string(), z.unknown()),
    );
    return jsonResult(plainRecord(record));
  },
});
