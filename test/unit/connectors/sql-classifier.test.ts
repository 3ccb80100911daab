/** The Snowflake SQL classifier: examples, lexical traps, and the cases it must call write. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifySql } from '../../../main/core/connections/snowflake/sql-classifier.ts';

const access = (sql: string): string => classifySql(sql).access;

describe('classifySql: read-only statements', () => {
  for (const sql of [
    'SELECT 1',
    'select id, name from db.sch.orders where status = \'open\' order by id desc limit 10;',
    'WITH recent AS (SELECT * FROM orders) SELECT count(*) FROM recent',
    '(SELECT 1) UNION ALL (SELECT 2)',
    'SHOW TABLES IN SCHEMA analytics.public',
    'SHOW GRANTS TO ROLE analyst',
    'DESCRIBE TABLE orders',
    'desc view v',
    'EXPLAIN USING TEXT SELECT * FROM orders',
    'LIST @my_stage',
    'ls @my_stage/path',
    "SELECT 'it''s; DROP TABLE x; --' AS s",
    'SELECT "we""ird;col" FROM t',
    'SELECT 1 /* ; DELETE FROM t; */',
    'SELECT 1 -- ; DROP TABLE t',
    'SELECT updated_at, deleted, insert_date, setting, into_x FROM audit',
    'SELECT $1, $2 FROM @stage',
    'SELECT GET(v, \'a\'), REPLACE(s, \'a\', \'b\') FROM t',
    'SELECT FILTER(arr, a -> a > 1) FROM t',
    'SELECT 1;;  ',
    'SELECT 1\r\nFROM t',
  ]) {
    it(`read: ${JSON.stringify(sql)}`, () => assert.equal(access(sql), 'read', classifySql(sql).reason));
  }
});

describe('classifySql: anything else is write', () => {
  for (const [sql, why] of [
    ['INSERT INTO t VALUES (1)', 'DML'],
    ['update t set a = 1', 'DML'],
    ['DELETE FROM t', 'DML'],
    ['MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE', 'DML'],
    ['CREATE OR REPLACE TABLE t (a INT)', 'DDL'],
    ['DROP TABLE t', 'DDL'],
    ['ALTER SESSION SET QUERY_TAG = \'x\'', 'session change'],
    ['USE ROLE ACCOUNTADMIN', 'session change'],
    ['GRANT SELECT ON t TO ROLE r', 'privileges'],
    ['CALL my_proc()', 'procedure'],
    ["EXECUTE IMMEDIATE 'DROP TABLE t'", 'dynamic SQL'],
    ['BEGIN DELETE FROM t; END', 'scripting block'],
    ['COPY INTO t FROM @s', 'load'],
    ['REMOVE @s', 'stage change'],
    ['PUT file:///tmp/x @s', 'upload'],
    ['COMMENT ON TABLE t IS \'x\'', 'metadata change'],
    ['SELECT 1; DROP TABLE t', 'second statement'],
    ['SELECT 1; SELECT 2', 'two reads are still multi-statement'],
    ['SHOW TABLES ->> DELETE FROM t', 'pipe flow operator chains statements'],
    ['SELECT 1 ->> SELECT * FROM $1', 'pipe flow operator'],
    ['WITH p AS PROCEDURE () RETURNS INT LANGUAGE SQL AS $$ BEGIN RETURN 1; END $$ CALL p()', 'anonymous procedure'],
    ['WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d', 'DML in a CTE'],
    ['SELECT * FROM t FOR UPDATE', 'row locks'],
    ['SELECT 1 INTO :x', 'scripting assignment'],
    ['SELECT seq1.NEXTVAL', 'advances a sequence'],
    ['SELECT SYSTEM$CANCEL_ALL_QUERIES(42)', 'system function with effects'],
    ['select system$abort_session(1)', 'system function, any case'],
    ['SELECT 1INSERT INTO t VALUES (1)', 'keyword glued to a number'],
    ["SELECT '\\'; DROP TABLE t; --'", 'backslash escapes: the quote may not close the string'],
    ['SELECT "\\"; DROP TABLE t; --"', 'backslash in identifiers, if Snowflake ever honours it'],
    ["SELECT 1 // it's\n; DROP TABLE t; -- '", '// comments hide a quote in one reading'],
    ['SELECT 1 /* /* */ ; DROP TABLE t; */', 'nested block comments'],
    ['SELECT $$ ; DROP TABLE t; $$', 'dollar-quoted strings'],
    ["SELECT 'unterminated", 'unterminated string'],
    ['SELECT 1 /* unterminated', 'unterminated comment'],
    ['SELECT "unterminated', 'unterminated identifier'],
    ['SELECT 1\r; DROP TABLE t', 'a bare carriage return'],
    ['SELECT 1 -- x\u2028; DROP TABLE t', 'a Unicode line separator'],
    ['SELECT 1\0', 'NUL'],
    ['', 'empty'],
    ['  ;  ', 'only a semicolon'],
    ['-- only a comment', 'no statement'],
    ['42', 'no keyword'],
    ['ＳＥＬＥＣＴ 1', 'look-alike keyword'],
  ] as const) {
    it(`write (${why}): ${JSON.stringify(sql)}`, () => assert.equal(access(sql), 'write', classifySql(sql).reason));
  }
});

describe('classifySql: reasons', () => {
  it('says why, for the approval prompt', () => {
    assert.deepEqual(classifySql('SELECT 1'), { access: 'read', reason: 'a single SELECT statement' });
    assert.deepEqual(classifySql('SELECT 1; SELECT 2'), { access: 'write', reason: 'more than one statement' });
    assert.deepEqual(classifySql('DROP TABLE t'), { access: 'write', reason: 'DROP statements can change data or state' });
    assert.deepEqual(classifySql('SELECT s.NEXTVAL'), { access: 'write', reason: 'contains NEXTVAL' });
  });
});
