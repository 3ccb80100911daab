/** Reads HTTP bodies with a hard size cap and turns them into validated JSON or text. */
import type { z } from 'zod';
import { ToolFailure } from './tool-failure.ts';

/** Reads at most `maxBytes` of a response body; a larger body is refused, not truncated. */
export async function readBounded(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new ToolFailure(`the provider's response (${declared} bytes) is larger than the ${maxBytes}-byte limit`);
  }
  if (response.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      total += next.value.byteLength;
      // INVARIANT: memory per call stays bounded whatever the provider sends.
      if (total > maxBytes) throw new ToolFailure(`the provider's response is larger than the ${maxBytes}-byte limit`);
      chunks.push(next.value);
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks);
}

/** UTF-8 text of a body; undefined when the bytes are not valid UTF-8. */
export function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Parses JSON without throwing; undefined when the body is empty or not JSON. */
export function tryJson(bytes: Uint8Array): unknown {
  const text = utf8(bytes);
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Parses and validates a provider's JSON answer; a different shape is a clear tool error. */
export function decodeJson<S extends z.ZodType>(provider: string, bytes: Uint8Array, schema: S): z.output<S> {
  const parsed = schema.safeParse(tryJson(bytes));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new ToolFailure(`${provider} sent a response Hallpass does not understand${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
