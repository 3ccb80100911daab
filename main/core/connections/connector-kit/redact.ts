/** Keeps tokens out of anything an agent reads: tool results and error texts. */
import type { CallToolResult } from '@modelcontextprotocol/server';

const MARK = '[redacted]';
/** `Authorization: Bearer xyz` echoed back by a provider or a proxy. */
const BEARER = /\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi;

/** Replaces every known secret (and anything shaped like a bearer credential) in `text`. */
export function redactText(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    // Very short strings would redact ordinary words; real tokens are long.
    if (secret.length >= 8) out = out.replaceAll(secret, MARK);
  }
  return out.replace(BEARER, `Bearer ${MARK}`);
}

/** Redacts every text-bearing part of a tool result. */
export function redactResult(result: CallToolResult, secrets: Iterable<string>): CallToolResult {
  const list = [...secrets];
  // SECURITY: tokens never appear in tool results (DESIGN.md §2.6), even if a provider echoes one back.
  const content = result.content.map((block) => {
    if (block.type === 'text') return { ...block, text: redactText(block.text, list) };
    if (block.type === 'resource' && 'text' in block.resource) {
      return { ...block, resource: { ...block.resource, text: redactText(block.resource.text, list) } };
    }
    return block;
  });
  const redacted: CallToolResult = { ...result, content };
  if (result.structuredContent !== undefined) {
    redacted.structuredContent = JSON.parse(redactText(JSON.stringify(result.structuredContent), list)) as Record<string, unknown>;
  }
  return redacted;
}
