/** Google Drive `update_file`: files.update (PATCH) of metadata, folders and/or content. */
import { z } from 'zod';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { FILE_FIELDS, fileId, filePath, fileSchema, mediaType, mimeType, multipartBody } from './drive-shared.ts';

/** Renames, re-describes, moves, or replaces the content of a file. */
export const updateFileTool = defineTool({
  name: 'update_file',
  title: 'Update a file',
  description: 'Changes a file\'s name, description or MIME type, moves it between folders, and/or replaces its text content.',
  input: z
    .strictObject({
      fileId,
      name: z.string().min(1).max(1_024).optional(),
      description: z.string().max(20_000).optional(),
      mimeType: mimeType.optional(),
      content: z.string().max(5 * 1024 * 1024).optional(),
      addParents: z.array(fileId).max(10).optional(),
      removeParents: z.array(fileId).max(10).optional(),
    })
    .refine(({ fileId: _id, ...changes }) => Object.values(changes).some((value) => value !== undefined), 'nothing to update'),
  access: 'write',
  async run(args, ctx) {
    const metadata = { name: args.name, description: args.description, mimeType: args.mimeType };
    const query = {
      fields: FILE_FIELDS,
      supportsAllDrives: true,
      addParents: args.addParents?.join(','),
      removeParents: args.removeParents?.join(','),
    };
    if (args.content === undefined) {
      return jsonResult(await ctx.api.json({ method: 'PATCH', path: filePath(args.fileId), query, json: metadata }, fileSchema));
    }
    // The media part keeps the file's type unless a new one is given.
    const current = args.mimeType
      ?? (await ctx.api.json({ method: 'GET', path: filePath(args.fileId), query: { fields: 'mimeType', supportsAllDrives: true } }, z.looseObject({ mimeType: z.string() }))).mimeType;
    const body = multipartBody(metadata, { mimeType: mediaType(current), data: args.content });
    return jsonResult(
      await ctx.api.json({ method: 'PATCH', path: filePath(args.fileId, true), query: { ...query, uploadType: 'multipart' }, body }, fileSchema),
    );
  },
});
