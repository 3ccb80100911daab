/** Seed data of the GitHub fixture: one repository with issues, a pull request and a few files. */

/** An issue or pull request as the fixture stores it. */
export interface GhIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  author: string;
  comments: string[];
  isPull: boolean;
  head?: string;
  base?: string;
  createdAt: string;
}

/** A file or directory of the default branch. */
export type GhEntry = { type: 'file'; content: Buffer } | { type: 'dir' };

/** Documented GitHub user-object subset. */
export function ghUser(login: string): Record<string, unknown> {
  return { login, id: login.length * 1000, type: 'User', html_url: `https://github.com/${login}` };
}

/** The seed of octo/hello. */
export function seedRepo(): { issues: Map<number, GhIssue>; files: Map<string, GhEntry> } {
  const issues = new Map<number, GhIssue>([
    [1, { number: 1, title: 'Crash on start', body: 'The app crashes when started without a config file.', state: 'open', labels: ['bug'], author: 'alice', comments: [], isPull: false, createdAt: '2025-05-01T10:00:00Z' }],
    [2, { number: 2, title: 'Typo in docs', body: 'README says "teh".', state: 'closed', labels: ['docs'], author: 'bob', comments: ['fixed'], isPull: false, createdAt: '2025-05-02T10:00:00Z' }],
    [3, { number: 3, title: 'Fix crash on start', body: 'Creates a default config. Fixes #1.', state: 'open', labels: [], author: 'carol', comments: [], isPull: true, head: 'fix-crash', base: 'main', createdAt: '2025-05-03T10:00:00Z' }],
  ]);
  const files = new Map<string, GhEntry>([
    ['', { type: 'dir' }],
    ['README.md', { type: 'file', content: Buffer.from('# hello\n\nA tiny app.\n') }],
    ['src', { type: 'dir' }],
    ['src/app.ts', { type: 'file', content: Buffer.from('export const answer = 42;\n') }],
    ['assets', { type: 'dir' }],
    ['assets/logo.png', { type: 'file', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]) }],
  ]);
  return { issues, files };
}
