/** Google Drive `search_files`: files.list with a `q` query. */
import { z } from 'zod';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { FILE_FIELDS, FILES, fileSchema } from './drive-shared.ts';

/** Searches files by Drive query. */
export const searchFilesTool = defineTool({
  name: 'search_files',
  title: 'Search files',
  description:
    'Searches Google Drive with Drive query syntax, e.g. "name contains \'budget\'" or "\'FOLDER_ID\' in parents". ' +
    'Trashed files are left out unless includeTrashed is true.',
  input: z.strictObject({
    q: z.string().max(2_000).optional().describe('Drive query (files.list q parameter)'),
    pageSize: z.number().int().min(1).max(100).default(25),
    pageToken: z.string().max(2_000).optional(),
    includeTrashed: z.boolean().default(false),
  }),
  access: 'read',
  async run(args, ctx) {
    const terms = [args.q ? `(${args.q})` : undefined, args.includeTrashed ? undefined : 'trashed = false'].filter(Boolean);
    const list = await ctx.api.json(
      {
        method: 'GET',
        path: FILES,
        query: {
          q: terms.length > 0 ? terms.join(' and ') : undefined,
          pageSize: args.pageSize,
          pageToken: args.pageToken,
          fields: `nextPageToken,incompleteSearch,files(${FILE_FIELDS})`,
          supportsAllDrives: true,
          includeItemsFromAllDrives: true,
        },
      },
      z.looseObject({ files: z.array(fileSchema), nextPageToken: z.string().optional(), incompleteSearch: z.boolean().optional() }),
    );
    return jsonResult({ files: list.files, nextPageToken: list.nextPageToken, incompleteSearch: list.incompleteSearch });
  },
});
