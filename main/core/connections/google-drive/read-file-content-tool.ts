/** Google Drive `read_file_content`: files.get alt=media, or files.export for Google Workspace types. */
import type { CallToolResult } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { defineTool } from '../connector-kit/connector-tool.ts';
import { utf8 } from '../connector-kit/read-body.ts';
import { ToolFailure } from '../connector-kit/tool-failure.ts';
import { GOOGLE_APPS, fileId, filePath, fileSchema, mimeType } from './drive-shared.ts';

/** Export formats for Google Workspace types when the caller names none. */
const DEFAULT_EXPORT: Readonly<Record<string, string>> = {
  document: 'text/plain',
  spreadsheet: 'text/csv',
  presentation: 'text/plain',
  drawing: 'image/svg+xml',
  script: 'application/vnd.google-apps.script+json',
};
const TEXTUAL = /^(?:text\/|application\/(?:json|xml|javascript|sql|x-yaml|yaml|csv)|image\/svg\+xml)|\+(?:json|xml)$/;

/** Reads a file's content: text when it is text, else an embedded base64 resource. */
export const readFileContentTool = defineTool({
  name: 'read_file_content',
  title: 'Read file content',
  description:
    'Reads a file\'s content. Google Docs, Sheets and Slides are exported (as text/plain, text/csv, text/plain ' +
    'unless exportMimeType says otherwise); other files are downloaded as they are.',
  input: z.strictObject({
    fileId,
    exportMimeType: mimeType.optional().describe('Export format for Google Workspace files'),
    maxBytes: z.number().int().min(1).max(10 * 1024 * 1024).default(1024 * 1024),
  }),
  access: 'read',
  async run(args, ctx) {
    const meta = await ctx.api.json(
      { method: 'GET', path: filePath(args.fileId), query: { fields: 'id,name,mimeType,size', supportsAllDrives: true } },
      fileSchema,
    );
    if (meta.mimeType.startsWith(GOOGLE_APPS)) {
      const kind = meta.mimeType.slice(GOOGLE_APPS.length);
      const target = args.exportMimeType ?? DEFAULT_EXPORT[kind];
      if (target === undefined) throw new ToolFailure(`"${meta.name}" is a Google ${kind}; it has no content that can be exported`);
      const res = await ctx.api.request({ method: 'GET', path: `${filePath(args.fileId)}/export`, query: { mimeType: target }, maxBytes: args.maxBytes });
      return contentResult(meta.id, meta.name, target, res.body);
    }
    if (Number(meta.size ?? '0') > args.maxBytes) {
      throw new ToolFailure(`"${meta.name}" is ${meta.size} bytes, more than maxBytes (${args.maxBytes})`);
    }
    const res = await ctx.api.request({
      method: 'GET', path: filePath(args.fileId), query: { alt: 'media', supportsAllDrives: true }, maxBytes: args.maxBytes,
    });
    return contentResult(meta.id, meta.name, meta.mimeType, res.body);
  },
});

function contentResult(id: string, name: string, type: string, bytes: Uint8Array): CallToolResult {
  const header = { type: 'text' as const, text: JSON.stringify({ id, name, mimeType: type, bytes: bytes.byteLength }) };
  const text = TEXTUAL.test(type) ? utf8(bytes) : undefined;
  if (text !== undefined) return { content: [header, { type: 'text', text }] };
  const blob = Buffer.from(bytes).toString('base64');
  return { content: [header, { type: 'resource', resource: { uri: `https://drive.google.com/open?id=${id}`, mimeType: type, blob } }] };
}
