/** Google Drive `create_file`: files.create, multipart upload when there is content. */
import { z } from 'zod';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { FILE_FIELDS, FILES, UPLOAD_FILES, fileId, fileSchema, mediaType, mimeType, multipartBody } from './drive-shared.ts';

/** Creates a file (or a folder, with mimeType application/vnd.google-apps.folder). */
export const createFileTool = defineTool({
  name: 'create_file',
  title: 'Create a file',
  description:
    'Creates a file with optional text content. A Google Workspace mimeType (e.g. application/vnd.google-apps.document) ' +
    'converts the text into a Google Doc; application/vnd.google-apps.folder creates a folder.',
  input: z.strictObject({
    name: z.string().min(1).max(1_024),
    mimeType: mimeType.optional(),
    content: z.string().max(5 * 1024 * 1024).optional().describe('Text content (up to 5 MB)'),
    parents: z.array(fileId).max(10).optional().describe('Folder ids; My Drive root if absent'),
    description: z.string().max(20_000).optional(),
  }),
  access: 'write',
  async run(args, ctx) {
    const metadata = { name: args.name, mimeType: args.mimeType, parents: args.parents, description: args.description };
    const query = { fields: FILE_FIELDS, supportsAllDrives: true };
    const request =
      args.content === undefined
        ? { method: 'POST' as const, path: FILES, query, json: metadata }
        : {
            method: 'POST' as const,
            path: UPLOAD_FILES,
            query: { ...query, uploadType: 'multipart' },
            body: multipartBody(metadata, { mimeType: mediaType(args.mimeType), data: args.content }),
          };
    return jsonResult(await ctx.api.json(request, fileSchema));
  },
});
