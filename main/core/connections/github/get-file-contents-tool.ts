/** GitHub `get_file_contents`: GET /repos/{owner}/{repo}/contents/{path}. */
import { z } from 'zod';
import { segment } from '../connector-kit/base-url.ts';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { utf8 } from '../connector-kit/read-body.ts';
import { owner, repo, repoPath } from './github-shared.ts';

const entry = z.looseObject({ type: z.string(), name: z.string(), path: z.string(), size: z.number().optional(), sha: z.string().optional() });
const fileSchema = entry.extend({ content: z.string().optional(), encoding: z.string().optional(), target: z.string().optional() });

/** A repository path: segments without "." or "..", each encoded on its own. */
const repoFilePath = z
  .string()
  .max(4_096)
  .refine((path) => path.split('/').every((part) => part !== '.' && part !== '..'), 'a path inside the repository')
  .refine((path) => !/\p{Cc}/u.test(path), 'a path without control characters');

/** Reads a file (as text when it is UTF-8) or lists a directory. */
export const getFileContentsTool = defineTool({
  name: 'get_file_contents',
  title: 'Get file or directory contents',
  description: 'Reads a file of a repository (UTF-8 text, else base64) or lists a directory. Empty path = repository root.',
  input: z.strictObject({
    owner,
    repo,
    path: repoFilePath.default(''),
    ref: z.string().min(1).max(255).regex(/^\P{Cc}+$/u).optional().describe('Branch, tag or commit; default branch if absent'),
  }),
  access: 'read',
  async run(args, ctx) {
    const path = args.path.split('/').filter((part) => part !== '').map(segment).join('/');
    const found = await ctx.api.json(
      { method: 'GET', path: `${repoPath(args.owner, args.repo)}/contents/${path}`, query: { ref: args.ref } },
      z.union([z.array(entry), fileSchema]),
    );
    if (Array.isArray(found)) {
      return jsonResult({ type: 'dir', path: args.path, entries: found.map(({ type, name, path: p, size }) => ({ type, name, path: p, size })) });
    }
    if (found.type !== 'file' || found.encoding !== 'base64' || found.content === undefined) {
      const note = found.type === 'file' ? 'too large for the contents API; its content is not included' : undefined;
      return jsonResult({ type: found.type, path: found.path, size: found.size, sha: found.sha, target: found.target, note });
    }
    const bytes = Buffer.from(found.content, 'base64');
    const text = utf8(bytes);
    const content = text === undefined ? { base64: bytes.toString('base64') } : { text };
    return jsonResult({ type: 'file', path: found.path, sha: found.sha, size: found.size, ...content });
  },
});
