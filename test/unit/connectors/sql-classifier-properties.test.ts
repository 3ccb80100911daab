/** Property tests: no statement that can write is ever classified read, however it is dressed up. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { classifySql } from '../../../main/core/connections/snowflake/sql-classifier.ts';

const RUNS = { numRuns: 400 };
const access = (sql: string): string => classifySql(sql).access;

/** A keyword in random letter case. */
const kw = (word: string): fc.Arbitrary<string> =>
  fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((flags) =>
    [...word].map((c, i) => (flags[i] ? c.toLowerCase() : c.toUpperCase())).join(''));

/** Text that is the same under every lexical reading: no backslash, no line breaks, no comment or $$ markers. */
const plain = fc.string({ unit: fc.constantFrom(...'abc XYZ019;,.=()\'"-+<>!?@#%&'.split('')), maxLength: 20 });
const commentText = plain.map((t) => t.replaceAll('*', ''));

/** Whitespace and comments between tokens. */
const gap: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(' ', '\n', '\t', '  \n\t ', '\r\n'),
  commentText.map((t) => ` -- ${t}\n`),
  commentText.map((t) => ` /* ${t.replaceAll('/', '')} */ `),
);

/** String literals and quoted identifiers whose content holds traps: semicolons, comment markers, keywords. */
const trap = fc.constantFrom('; DROP TABLE t; --', '/*', '*/', '--', '$$', 'DELETE FROM t', "'", '"', ';', '->>');
const literalContent = fc.array(fc.oneof(plain, trap), { maxLength: 4 }).map((parts) => parts.join(''));
const stringLiteral = literalContent.map((t) => `'${t.replaceAll("'", "''")}'`);
const quotedIdentifier = literalContent.filter((t) => t.length > 0).map((t) => `"${t.replaceAll('"', '""')}"`);

/** Identifiers, including ones that merely contain write words. */
const identifier = fc.oneof(
  fc.constantFrom('orders', 'db.sch.orders', 't_1', 'updated_at', 'deleted', 'insert_date', 'setting', 'dropped', 'callers', '$1'),
  quotedIdentifier,
);
const value = fc.oneof(stringLiteral, fc.integer({ min: 0, max: 9999 }).map(String), identifier);

/** Joins parts with random gaps. */
const spaced = (...parts: Array<fc.Arbitrary<string>>): fc.Arbitrary<string> =>
  fc.tuple(fc.tuple(...parts), fc.array(gap, { minLength: parts.length, maxLength: parts.length })).map(([ps, gs]) =>
    ps.map((p, i) => (i === 0 ? p : `${gs[i] ?? ' '}${p}`)).join(''));

/** Read-only statements of the kinds the classifier allows. */
const readStatement: fc.Arbitrary<string> = fc.oneof(
  spaced(kw('SELECT'), value, kw('FROM'), identifier),
  spaced(kw('SELECT'), fc.constant('*'), kw('FROM'), identifier, kw('WHERE'), identifier, fc.constant('='), value),
  spaced(kw('WITH'), fc.constant('a'), kw('AS'), fc.constant('('), kw('SELECT'), value, kw('FROM'), identifier, fc.constant(')'), kw('SELECT'), fc.constant('*'), kw('FROM'), fc.constant('a')),
  spaced(kw('SHOW'), fc.constantFrom('TABLES', 'SCHEMAS', 'WAREHOUSES')),
  spaced(kw('DESCRIBE'), kw('TABLE'), identifier),
  spaced(kw('DESC'), kw('VIEW'), identifier),
  spaced(kw('EXPLAIN'), kw('SELECT'), value),
  spaced(kw('LIST'), fc.constant('@stage')),
);

/** Statements that can change data or state, each led by a keyword that is never read-only. */
const writeStatement: fc.Arbitrary<string> = fc.oneof(
  spaced(kw('INSERT'), kw('INTO'), identifier, kw('VALUES'), fc.constant('('), value, fc.constant(')')),
  spaced(kw('UPDATE'), identifier, kw('SET'), fc.constant('a'), fc.constant('='), value),
  spaced(kw('DELETE'), kw('FROM'), identifier),
  spaced(kw('MERGE'), kw('INTO'), identifier, kw('USING'), identifier, kw('ON'), fc.constant('a = b'), kw('WHEN'), kw('MATCHED'), kw('THEN'), kw('DELETE')),
  spaced(kw('CREATE'), fc.constantFrom('TABLE', 'OR REPLACE VIEW', 'USER', 'STAGE'), identifier),
  spaced(kw('DROP'), fc.constantFrom('TABLE', 'DATABASE', 'USER'), identifier),
  spaced(kw('ALTER'), fc.constantFrom('TABLE', 'SESSION', 'USER', 'WAREHOUSE'), identifier),
  spaced(kw('TRUNCATE'), kw('TABLE'), identifier),
  spaced(kw('GRANT'), fc.constantFrom('SELECT', 'OWNERSHIP', 'ALL'), kw('ON'), identifier, kw('TO'), kw('ROLE'), fc.constant('r')),
  spaced(kw('REVOKE'), kw('SELECT'), kw('ON'), identifier, kw('FROM'), kw('ROLE'), fc.constant('r')),
  spaced(kw('CALL'), identifier, fc.constant('()')),
  spaced(kw('EXECUTE'), kw('IMMEDIATE'), stringLiteral),
  spaced(kw('COPY'), kw('INTO'), identifier, kw('FROM'), fc.constant('@s')),
  spaced(kw('PUT'), fc.constant('file:///tmp/x'), fc.constant('@s')),
  spaced(kw('REMOVE'), fc.constant('@s')),
  spaced(kw('USE'), kw('ROLE'), identifier),
  spaced(kw('SET'), fc.constant('v'), fc.constant('='), value),
  spaced(kw('BEGIN'), kw('TRANSACTION')),
  spaced(kw('COMMIT')),
  spaced(kw('UNDROP'), kw('TABLE'), identifier),
  spaced(kw('COMMENT'), kw('ON'), kw('TABLE'), identifier, kw('IS'), stringLiteral),
  spaced(kw('SELECT'), fc.constantFrom('SYSTEM$CANCEL_ALL_QUERIES(1)', 'system$abort_session(1)', 'seq.nextval')),
  spaced(kw('SELECT'), fc.constant('*'), kw('FROM'), identifier, kw('FOR'), kw('UPDATE')),
);

/** Writes whose verb is in the classifier's deny list, for embedding inside read statements. */
const embeddableWrite = fc.oneof(
  spaced(kw('DELETE'), kw('FROM'), identifier),
  spaced(kw('INSERT'), kw('INTO'), identifier, kw('SELECT'), value),
  spaced(kw('UPDATE'), identifier, kw('SET'), fc.constant('a = 1')),
  spaced(kw('CALL'), identifier, fc.constant('()')),
  spaced(kw('CREATE'), kw('TABLE'), identifier),
);

const terminator = fc.constantFrom('', ';', ' ;', ';\n', '; -- end\n');
const separator = fc.constantFrom(';', ' ; ', ';\n', ' ->> ', '->>');

describe('classifySql properties', () => {
  it('every generated read statement is read (the classifier is not trivially "write")', () => {
    fc.assert(fc.property(readStatement, terminator, (sql, end) => access(sql + end) === 'read'), RUNS);
  });

  it('no write statement is ever read, in any letter case or dress', () => {
    fc.assert(fc.property(writeStatement, gap, terminator, (sql, lead, end) => access(lead + sql + end) === 'write'), RUNS);
  });

  it('more than one statement is always write, even when every statement reads', () => {
    const statement = fc.oneof(readStatement, writeStatement);
    fc.assert(
      fc.property(fc.array(statement, { minLength: 2, maxLength: 4 }), fc.array(separator, { minLength: 3, maxLength: 3 }), (statements, seps) =>
        access(statements.map((s, i) => (i === 0 ? s : `${seps[i - 1] ?? ';'}${s}`)).join('')) === 'write'),
      RUNS,
    );
  });

  it('writes embedded in a read statement are write', () => {
    fc.assert(
      fc.property(embeddableWrite, fc.constantFrom('WITH a AS (#) SELECT * FROM a', 'SELECT * FROM (#)', 'SELECT (#)', 'EXPLAIN #'), (w, shape) =>
        access(shape.replace('#', w)) === 'write'),
      RUNS,
    );
  });

  it('lexical ambiguities cannot hide a second statement', () => {
    const hide = fc.constantFrom(
      (r: string, w: string) => `${r} '\\' ; ${w} --'`,
      (r: string, w: string) => `${r} "\\" ; ${w} --"`,
      (r: string, w: string) => `${r} // x'\n; ${w} -- '`,
      (r: string, w: string) => `${r} /* /* */ ; ${w} */`,
      (r: string, w: string) => `${r} $$ ; ${w} $$`,
      (r: string, w: string) => `${r} -- x\r; ${w}`,
      (r: string, w: string) => `${r} -- x\u2028; ${w}`,
      (r: string, w: string) => `${r} 'a\\'; ${w}; --'`,
    );
    fc.assert(fc.property(readStatement, writeStatement, hide, (r, w, wrap) => access(wrap(r, w)) === 'write'), RUNS);
  });

  it('whatever text reads, appending a new line and a statement makes it write', () => {
    const fragment = fc.constantFrom('SELECT', ' ', '1', 'x', 'FROM', 't', ',', '(', ')', "'", '"', '\\', '--', '/*', '*/', '//', '$$', '$', '\n', ';', '-', '>', 'WITH', 'SHOW', 'TABLES');
    const text = fc.array(fragment, { minLength: 1, maxLength: 24 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, writeStatement, (s, w) => {
        fc.pre(access(s) === 'read');
        return access(`${s}\n;${w}`) === 'write' && access(`${s}\n;SELECT 1`) === 'write';
      }),
      { numRuns: 2_000 },
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const verdict = classifySql(s);
        return (verdict.access === 'read' || verdict.access === 'write') && verdict.reason.length > 0;
      }),
      RUNS,
    );
  });

  it('is deterministic and ignores surrounding whitespace', () => {
    fc.assert(fc.property(fc.oneof(readStatement, writeStatement), (sql) => {
      assert.deepEqual(classifySql(sql), classifySql(sql));
      return access(` \n${sql}\n `) === access(sql);
    }), RUNS);
  });
});
