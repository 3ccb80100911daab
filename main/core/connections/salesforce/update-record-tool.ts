/** Salesforce `update_record`: PATCH /services/data/vXX.X/sobjects/{sobject}/{id}. */
import { z } from 'zod';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { apiName, fieldValues, recordId, sobjectPath } from './salesforce-shared.ts';

/** Updates fields of a record. */
export const updateRecordTool = defineTool({
  name: 'update_record',
  title: 'Update a record',
  description: 'Updates the given fields of one record; other fields keep their values.',
  input: z.strictObject({ sobject: apiName, id: recordId, fields: fieldValues }),
  access: 'write',
  async run(args, ctx) {
    // Salesforce answers 204 No Content on success.
    await ctx.api.request({ method: 'PATCH', path: sobjectPath(args.sobject, args.id), json: args.fields });
    return jsonResult({ id: args.id, updated: true });
  },
});
