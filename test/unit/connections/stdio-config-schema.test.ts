/** parseStdioServerConfig: valid configs pass unchanged; bad ones fail with a clear, value-free message. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStdioServerConfig } from '../../../main/core/connections/stdio/stdio-config-schema.ts';

const valid = { kind: 'stdio', id: 'files', command: 'npx', args: ['-y', 'server'], env: { API_KEY: 'secret-value' }, enabled: true } as const;

describe('parseStdioServerConfig', () => {
  it('accepts a valid config unchanged', () => {
    assert.deepEqual(parseStdioServerConfig(valid), valid);
    assert.deepEqual(parseStdioServerConfig({ ...valid, cwd: '/tmp' }), { ...valid, cwd: '/tmp' });
    assert.deepEqual(parseStdioServerConfig({ ...valid, overrides: { read_file: 'read' } }), { ...valid, overrides: { read_file: 'read' } });
  });

  it('rejects bad input with the path of the problem and never the env value', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...valid, id: 'Bad Id' }, /at id:/],
      [{ ...valid, command: '' }, /at command: command is empty/],
      [{ ...valid, args: ['ok', 'nul\0byte'] }, /at args\.1: must not contain NUL/],
      [{ ...valid, env: { 'BAD NAME': 'x' } }, /at env\.BAD NAME/],
      [{ ...valid, env: { API_KEY: 'secret-value\0' } }, /at env\.API_KEY: must not contain NUL/],
      [{ ...valid, extra: true }, /invalid stdio server config/],
      [{ ...valid, overrides: { read_file: 'admin' } }, /at overrides\.read_file/],
      [{ ...valid, kind: 'remote' }, /at kind/],
      [null, /invalid stdio server config/],
    ];
    for (const [input, message] of cases) {
      assert.throws(() => parseStdioServerConfig(input), (error: Error) => {
        assert.match(error.message, message);
        assert.ok(!error.message.includes('secret-value'));
        return true;
      });
    }
  });
});
