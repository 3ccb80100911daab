/** Tokens never survive into tool results. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactResult, redactText } from '../../../main/core/connections/connector-kit/redact.ts';

const TOKEN = 'ya29.a0AfH6SMBx-secret_token';

describe('redactText', () => {
  it('replaces known secrets and bearer credentials', () => {
    assert.equal(redactText(`token=${TOKEN}&again=${TOKEN}`, [TOKEN]), 'token=[redacted]&again=[redacted]');
    assert.equal(redactText('Authorization: Bearer abc.def-ghi', []), 'Authorization: Bearer [redacted]');
  });
  it('leaves short strings alone so ordinary words survive', () => {
    assert.equal(redactText('the cat sat', ['cat']), 'the cat sat');
  });
});

describe('redactResult', () => {
  it('redacts text blocks, embedded text resources and structured content', () => {
    const result = redactResult(
      {
        content: [
          { type: 'text', text: `a ${TOKEN}` },
          { type: 'resource', resource: { uri: 'x:1', text: `b ${TOKEN}` } },
          { type: 'resource', resource: { uri: 'x:2', blob: 'AAAA' } },
        ],
        structuredContent: { nested: { t: TOKEN } },
      },
      [TOKEN],
    );
    assert.ok(!JSON.stringify(result).includes(TOKEN));
    assert.deepEqual(result.structuredContent, { nested: { t: '[redacted]' } });
  });
});
