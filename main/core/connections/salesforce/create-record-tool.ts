/** Salesforce `create_record`: POST /services/data/vXX.X/sobjects/{sobject}/. */
import { z } from 'zod';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { apiName, fieldValues, sobjectPath } from './salesforce-shared.ts';

/** Creates a record. */
export const createRecordTool = defineTool({
  name: 'create_record',
  title: 'Create a record',
  description: 'Creates a record of an object (e.g. a Contact) from field values; returns its id.',
  input: z.strictObject({ sobject: apiName, fields: fieldValues }),
  access: 'write',
  async run(args, ctx) {
    const created = await ctx.api.json(
      { method: 'POST', path: `${sobjectPath(args.sobject)}/`, json: args.fields },
      z.looseObject({ id: z.string(), success: z.boolean(), errors: z.array(z.unknown()).optional() }),
    );
    return jsonResult({ id: created.id, success: created.success, errors: created.errors ?? [] });
  },
});
