/** GitHub `search_issues`: GET /search/issues with GitHub's search syntax. */
import { z } from 'zod';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { issueSchema, issueSummary, page, perPage } from './github-shared.ts';

/** Searches issues and pull requests. */
export const searchIssuesTool = defineTool({
  name: 'search_issues',
  title: 'Search issues and pull requests',
  description:
    'Searches issues and pull requests with GitHub search syntax, e.g. "repo:octo/hello is:issue is:open crash". ' +
    'Include is:issue or is:pr to say which you want.',
  input: z.strictObject({
    q: z.string().min(1).max(256).describe('GitHub search query (qualifiers such as repo:, is:, label:, author:)'),
    sort: z.enum(['comments', 'reactions', 'created', 'updated']).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    perPage,
    page,
  }),
  access: 'read',
  async run(args, ctx) {
    const found = await ctx.api.json(
      { method: 'GET', path: '/search/issues', query: { q: args.q, sort: args.sort, order: args.order, per_page: args.perPage, page: args.page } },
      z.looseObject({ total_count: z.number(), incomplete_results: z.boolean(), items: z.array(issueSchema) }),
    );
    return jsonResult({
      total_count: found.total_count,
      incomplete_results: found.incomplete_results,
      items: found.items.map((item) => issueSummary(item, false)),
    });
  },
});
