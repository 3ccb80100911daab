/** A small Snowflake SQL lexer, parameterised by the lexical rules we are not certain of. */

/**
 * Lexical choices where Snowflake's exact behaviour is uncertain or version-dependent.
 * The classifier lexes under every combination and trusts only what all of them agree on.
 */
export interface LexRules {
  /** Backslash escapes inside '…' strings only, inside both '…' and "…", or nowhere. */
  backslash: 'none' | 'strings' | 'strings-and-identifiers';
  /** `//` starts a line comment. */
  slashComments: boolean;
  /** Block comments nest (a comment opened inside a comment needs its own close). */
  nestedBlockComments: boolean;
  /** `$$…$$` is a string. */
  dollarStrings: boolean;
}

/** What the classifier needs to know about a token. */
export type SqlToken =
  | { kind: 'word'; upper: string }
  | { kind: 'literal' }
  | { kind: 'semicolon' }
  | { kind: 'symbol'; text: string };

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36; // A-Z a-z _ $
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Tokens of `sql` (comments and whitespace dropped), or undefined when a string or comment never ends. */
export function lexSql(sql: string, rules: LexRules): SqlToken[] | undefined {
  const tokens: SqlToken[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (c === ' ' || c === '\t' || c === '\n') {
      i += 1;
    } else if ((c === '-' && next === '-') || (rules.slashComments && c === '/' && next === '/')) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (c === '/' && next === '*') {
      const end = skipBlockComment(sql, i, rules.nestedBlockComments);
      if (end === undefined) return undefined;
      i = end;
    } else if (c === "'" || c === '"') {
      const escapes = c === "'" ? rules.backslash !== 'none' : rules.backslash === 'strings-and-identifiers';
      const end = skipQuoted(sql, i, c, escapes);
      if (end === undefined) return undefined;
      tokens.push({ kind: 'literal' });
      i = end;
    } else if (rules.dollarStrings && c === '$' && next === '$') {
      const end = sql.indexOf('$$', i + 2);
      if (end === -1) return undefined;
      tokens.push({ kind: 'literal' });
      i = end + 2;
    } else if (isLetter(sql.charCodeAt(i)) && !(c === '$' && next === '$')) {
      let j = i + 1;
      while (j < sql.length && (isLetter(sql.charCodeAt(j)) || isDigit(sql.charCodeAt(j)))) j += 1;
      tokens.push({ kind: 'word', upper: sql.slice(i, j).toUpperCase() });
      i = j;
    } else if (isDigit(sql.charCodeAt(i))) {
      let j = i + 1;
      // Letters after digits start a new word, so a keyword glued to a number is still seen.
      while (j < sql.length && (isDigit(sql.charCodeAt(j)) || sql[j] === '.')) j += 1;
      tokens.push({ kind: 'literal' });
      i = j;
    } else {
      tokens.push(c === ';' ? { kind: 'semicolon' } : { kind: 'symbol', text: c });
      i += 1;
    }
  }
  return tokens;
}

/** Index just past a quoted string or identifier starting at `start`; doubled quotes escape. */
function skipQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number | undefined {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === '\\') {
      i += 2;
    } else if (c === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i += 2;
    } else {
      i += 1;
    }
  }
  return undefined;
}

/** Index just past a block comment starting at `start`. */
function skipBlockComment(sql: string, start: number, nested: boolean): number | undefined {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*' && (nested || depth === 0)) {
      depth += 1;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else {
      i += 1;
    }
  }
  return undefined;
}
