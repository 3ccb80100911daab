/** Argument and response shapes shared by the GitHub tools, and their compact forms for agents. */
import { z } from 'zod';
import { segment } from '../connector-kit/base-url.ts';

/** A user or organisation login. */
export const owner = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'a GitHub user or organisation name');
/** A repository name; "." and ".." are refused so a name can never climb the path. */
export const repo = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,100}$/, 'a repository name')
  .refine((name) => name !== '.' && name !== '..', 'a repository name');
/** An issue or pull request number. */
export const issueNumber = z.number().int().min(1).max(2_147_483_647);
/** Page size, as GitHub's `per_page` (1–100). */
export const perPage = z.number().int().min(1).max(100).default(30);
/** Page number, as GitHub's `page`. */
export const page = z.number().int().min(1).max(1_000).default(1);

/** `/repos/{owner}/{repo}` with both segments encoded. */
export function repoPath(ownerName: string, repoName: string): string {
  return `/repos/${segment(ownerName)}/${segment(repoName)}`;
}

const user = z.looseObject({ login: z.string() }).nullable().optional();
const label = z.union([z.string(), z.looseObject({ name: z.string().nullable().optional() })]);

/** An issue (or a pull request seen through the issues API). */
export const issueSchema = z.looseObject({
  number: z.number(),
  title: z.string(),
  state: z.string(),
  state_reason: z.string().nullable().optional(),
  user,
  labels: z.array(label).optional(),
  assignees: z.array(z.looseObject({ login: z.string() })).nullable().optional(),
  comments: z.number().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  closed_at: z.string().nullable().optional(),
  html_url: z.string(),
  body: z.string().nullable().optional(),
  pull_request: z.unknown().optional(),
});

/** The fields an agent needs from an issue; the body only when asked for one issue. */
export function issueSummary(issue: z.output<typeof issueSchema>, withBody: boolean): Record<string, unknown> {
  return {
    number: issue.number,
    title: issue.title,
    state: issue.state,
    state_reason: issue.state_reason ?? undefined,
    author: issue.user?.login,
    labels: (issue.labels ?? []).map((l) => (typeof l === 'string' ? l : l.name)).filter((n) => typeof n === 'string'),
    assignees: (issue.assignees ?? []).map((a) => a.login),
    comments: issue.comments,
    is_pull_request: issue.pull_request !== undefined,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at ?? undefined,
    html_url: issue.html_url,
    body: withBody ? (issue.body ?? '') : undefined,
  };
}

/** A pull request from the pulls API. */
export const pullSchema = z.looseObject({
  number: z.number(),
  title: z.string(),
  state: z.string(),
  draft: z.boolean().optional(),
  merged_at: z.string().nullable().optional(),
  user,
  head: z.looseObject({ ref: z.string() }),
  base: z.looseObject({ ref: z.string() }),
  created_at: z.string(),
  updated_at: z.string(),
  html_url: z.string(),
  body: z.string().nullable().optional(),
  mergeable: z.boolean().nullable().optional(),
  commits: z.number().optional(),
  additions: z.number().optional(),
  deletions: z.number().optional(),
  changed_files: z.number().optional(),
});

/** The fields an agent needs from a pull request; details only when asked for one. */
export function pullSummary(pull: z.output<typeof pullSchema>, detailed: boolean): Record<string, unknown> {
  const summary: Record<string, unknown> = {
    number: pull.number,
    title: pull.title,
    state: pull.state,
    draft: pull.draft,
    merged: pull.merged_at !== null && pull.merged_at !== undefined,
    author: pull.user?.login,
    head: pull.head.ref,
    base: pull.base.ref,
    created_at: pull.created_at,
    updated_at: pull.updated_at,
    html_url: pull.html_url,
  };
  if (!detailed) return summary;
  const { body, mergeable, commits, additions, deletions, changed_files } = pull;
  return { ...summary, body: body ?? '', mergeable, commits, additions, deletions, changed_files };
}
