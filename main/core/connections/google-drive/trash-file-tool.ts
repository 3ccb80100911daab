/** Google Drive `trash_file`: files.update with trashed=true (recoverable from the trash). */
import { z } from 'zod';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { FILE_FIELDS, fileId, filePath, fileSchema } from './drive-shared.ts';

/** Moves a file to the trash. */
export const trashFileTool = defineTool({
  name: 'trash_file',
  title: 'Move a file to the trash',
  description: 'Moves a file to the trash. It can be restored from the trash; nothing is deleted permanently.',
  input: z.strictObject({ fileId }),
  access: 'write',
  async run(args, ctx) {
    const file = await ctx.api.json(
      { method: 'PATCH', path: filePath(args.fileId), query: { fields: FILE_FIELDS, supportsAllDrives: true }, json: { trashed: true } },
      fileSchema,
    );
    return jsonResult(file);
  },
});
