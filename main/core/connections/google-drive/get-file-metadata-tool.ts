/** Google Drive `get_file_metadata`: files.get with a field mask. */
import { z } from 'zod';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { FILE_FIELDS, fileId, filePath, fileSchema } from './drive-shared.ts';

/** Gets a file's metadata. */
export const getFileMetadataTool = defineTool({
  name: 'get_file_metadata',
  title: 'Get file metadata',
  description: 'Gets a file\'s metadata: name, type, size, dates, folders, owners, link.',
  input: z.strictObject({ fileId }),
  access: 'read',
  async run(args, ctx) {
    const file = await ctx.api.json(
      { method: 'GET', path: filePath(args.fileId), query: { fields: FILE_FIELDS, supportsAllDrives: true } },
      fileSchema,
    );
    return jsonResult(file);
  },
});
