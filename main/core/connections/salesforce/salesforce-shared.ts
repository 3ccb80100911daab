/** Argument shapes shared by the Salesforce tools. */
import { z } from 'zod';
import { segment } from '../connector-kit/base-url.ts';
import { DATA_PATH } from './salesforce-profile.ts';

/** An sObject or field API name (custom ones end in __c). */
export const apiName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, 'a Salesforce API name');
/** A 15- or 18-character record id. */
export const recordId = z.string().regex(/^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/, 'a 15- or 18-character Salesforce id');
/** Field values of a record to create or update. */
export const fieldValues = z
  .record(apiName, z.union([z.string().max(131_072), z.number(), z.boolean(), z.null()]))
  .refine((fields) => Object.keys(fields).length > 0, 'at least one field')
  .refine((fields) => Object.keys(fields).length <= 500, 'at most 500 fields');

/** `/services/data/vXX.X/sobjects/{sobject}[/{id}]`. */
export function sobjectPath(sobject: string, id?: string): string {
  const base = `${DATA_PATH}/sobjects/${segment(sobject)}`;
  return id === undefined ? base : `${base}/${segment(id)}`;
}

/** A record without the `attributes` envelope, its type kept. */
export function plainRecord(record: Record<string, unknown>): Record<string, unknown> {
  const { attributes, ...fields } = record;
  const type = typeof attributes === 'object' && attributes !== null ? (attributes as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? { type, ...fields } : fields;
}
