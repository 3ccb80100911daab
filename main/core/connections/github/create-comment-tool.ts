/** GitHub `create_comment`: POST /repos/{owner}/{repo}/issues/{number}/comments. */
import { z } from 'zod';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { issueNumber, owner, repo, repoPath } from './github-shared.ts';

/** Comments on an issue or a pull request. */
export const createCommentTool = defineTool({
  name: 'create_comment',
  title: 'Comment on an issue or pull request',
  description: 'Adds a comment to an issue or a pull request (pull requests share the issue comment API).',
  input: z.strictObject({ owner, repo, number: issueNumber, body: z.string().min(1).max(65_536) }),
  access: 'write',
  async run(args, ctx) {
    const comment = await ctx.api.json(
      { method: 'POST', path: `${repoPath(args.owner, args.repo)}/issues/${args.number}/comments`, json: { body: args.body } },
      z.looseObject({ id: z.number(), html_url: z.string(), created_at: z.string(), user: z.looseObject({ login: z.string() }).nullable().optional() }),
    );
    return jsonResult({ id: comment.id, html_url: comment.html_url, created_at: comment.created_at, author: comment.user?.login });
  },
});
