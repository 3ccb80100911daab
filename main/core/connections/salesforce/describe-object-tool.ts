/** Salesforce `describe_object`: GET /services/data/vXX.X/sobjects/{sobject}/describe. */
import { z } from 'zod';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { apiName, sobjectPath } from './salesforce-shared.ts';

const field = z.looseObject({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  length: z.number().optional(),
  nillable: z.boolean().optional(),
  createable: z.boolean().optional(),
  updateable: z.boolean().optional(),
  referenceTo: z.array(z.string()).optional(),
  picklistValues: z.array(z.looseObject({ value: z.string(), active: z.boolean().optional() })).optional(),
});

/** Describes an object's fields: names, types, whether they can be set, picklist values. */
export const describeObjectTool = defineTool({
  name: 'describe_object',
  title: 'Describe an object',
  description: 'Describes a Salesforce object (e.g. Account): its fields, their types, which can be created or updated, picklist values.',
  input: z.strictObject({ sobject: apiName }),
  access: 'read',
  async run(args, ctx) {
    const described = await ctx.api.json(
      { method: 'GET', path: `${sobjectPath(args.sobject)}/describe` },
      z.looseObject({
        name: z.string(),
        label: z.string(),
        keyPrefix: z.string().nullable().optional(),
        createable: z.boolean().optional(),
        updateable: z.boolean().optional(),
        queryable: z.boolean().optional(),
        fields: z.array(field),
      }),
    );
    return jsonResult({
      name: described.name,
      label: described.label,
      keyPrefix: described.keyPrefix,
      createable: described.createable,
      updateable: described.updateable,
      queryable: described.queryable,
      fields: described.fields.map((f) => ({
        name: f.name,
        label: f.label,
        type: f.type,
        length: f.length,
        nillable: f.nillable,
        createable: f.createable,
        updateable: f.updateable,
        referenceTo: f.referenceTo && f.referenceTo.length > 0 ? f.referenceTo : undefined,
        picklistValues: f.picklistValues?.filter((p) => p.active !== false).map((p) => p.value),
      })),
    });
  },
});
