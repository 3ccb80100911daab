/** Decides whether a Snowflake SQL text only reads. Anything uncertain is write (fail closed). */
import type { Access } from '../../model.ts';
import { lexSql, type LexRules, type SqlToken } from './sql-lexer.ts';

/** The verdict and a short reason a person can read in an approval prompt. */
export interface SqlClassification {
  access: Access;
  reason: string;
}

/** Statements that read: queries, metadata listings, plans, stage listings. */
const READ_LEADERS = new Set(['SELECT', 'WITH', 'SHOW', 'DESCRIBE', 'DESC', 'EXPLAIN', 'LIST', 'LS']);

/**
 * Words that never belong in a read-only statement. A read-leading statement containing one is
 * write: this catches DML/DDL smuggled into CTEs or subqueries, anonymous procedures
 * (`WITH p AS PROCEDURE … CALL p()`), `SELECT … INTO`, `FOR UPDATE` and sequence advances.
 */
const WRITE_WORDS = new Set([
  'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'UPSERT', 'TRUNCATE', 'CREATE', 'ALTER', 'DROP', 'UNDROP',
  'GRANT', 'REVOKE', 'CALL', 'EXECUTE', 'EXEC', 'IMMEDIATE', 'PROCEDURE', 'INTO', 'COPY', 'SET', 'UNSET',
  'BEGIN', 'COMMIT', 'ROLLBACK', 'DECLARE', 'LET', 'NEXTVAL',
]);

/** Line breaks and controls whose effect on `--` comments we cannot be sure of. */
const AMBIGUOUS_CHARS = /[\0\r\v\f\u0085\u2028\u2029]/;

/**
 * Every combination of the uncertain lexical rules that can matter for `text`; a statement is read
 * only if all agree. A rule whose trigger never occurs (no backslash, no `//`, no `/*`, no `$$`)
 * lexes identically either way, so only one of its values is tried.
 */
function ruleSets(text: string): LexRules[] {
  const backslashes = text.includes('\\') ? (['none', 'strings', 'strings-and-identifiers'] as const) : (['none'] as const);
  const both = (trigger: string): boolean[] => (text.includes(trigger) ? [false, true] : [false]);
  return backslashes.flatMap((backslash) =>
    both('//').flatMap((slashComments) =>
      both('/*').flatMap((nestedBlockComments) =>
        both('$$').map((dollarStrings) => ({ backslash, slashComments, nestedBlockComments, dollarStrings })),
      ),
    ),
  );
}

/** Classifies a SQL text submitted as one request to the SQL API. */
export function classifySql(sql: string): SqlClassification {
  const text = sql.replaceAll('\r\n', '\n');
  if (AMBIGUOUS_CHARS.test(text)) return write('contains control or line-separator characters');
  let verdict: SqlClassification | undefined;
  for (const rules of ruleSets(text)) {
    const tokens = lexSql(text, rules);
    // INVARIANT: any reading under which the text is not a single read-only statement makes it write.
    if (tokens === undefined) return write('a string, identifier or comment is not closed');
    verdict = classifyTokens(tokens);
    if (verdict.access === 'write') return verdict;
  }
  return verdict ?? write('empty');
}

function classifyTokens(tokens: readonly SqlToken[]): SqlClassification {
  const statements = splitStatements(tokens);
  if (statements.length === 0) return write('no statement');
  if (statements.length > 1) return write('more than one statement');
  const statement = statements[0] as SqlToken[];
  const first = statement.find((token) => !(token.kind === 'symbol' && token.text === '('));
  if (first?.kind !== 'word') return write('does not start with a keyword');
  if (!READ_LEADERS.has(first.upper)) return write(`${first.upper} statements can change data or state`);
  for (const token of statement) {
    if (token.kind !== 'word') continue;
    if (WRITE_WORDS.has(token.upper)) return write(`contains ${token.upper}`);
    if (token.upper.startsWith('SYSTEM$')) return write(`calls ${token.upper}, a system function that may have effects`);
  }
  return { access: 'read', reason: `a single ${first.upper} statement` };
}

/**
 * Splits on every semicolon and on the pipe flow operator `->>`, which chains whole statements
 * (any kind, INSERT and CREATE included). Empty statements (`;;`, a trailing `;`) are dropped.
 */
function splitStatements(tokens: readonly SqlToken[]): SqlToken[][] {
  const statements: SqlToken[][] = [];
  let current: SqlToken[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as SqlToken;
    const pipe = isSymbol(token, '-') && isSymbol(tokens[i + 1], '>') && isSymbol(tokens[i + 2], '>');
    if (token.kind === 'semicolon' || pipe) {
      if (current.length > 0) statements.push(current);
      current = [];
      if (pipe) i += 2;
    } else {
      current.push(token);
    }
  }
  if (current.length > 0) statements.push(current);
  return statements;
}

function isSymbol(token: SqlToken | undefined, text: string): boolean {
  return token?.kind === 'symbol' && token.text === text;
}

function write(reason: string): SqlClassification {
  return { access: 'write', reason };
}
