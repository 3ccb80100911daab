/** One HTTP exchange: fetch + bounded body read, with abort, timeout and network errors told apart. */
import { readBounded } from './read-body.ts';
import { ToolFailure } from './tool-failure.ts';

/** A fully read response. */
export interface Exchange {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

/** Everything one exchange needs. */
export interface ExchangeInput {
  fetch: typeof fetch;
  url: URL;
  init: { method: string; headers: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> };
  signal: AbortSignal;
  timeoutMs: number;
  maxBytes: number;
  provider: string;
}

/** Sends one request and reads its body; rejects with the caller's abort reason when it aborts. */
export async function exchange(input: ExchangeInput): Promise<Exchange> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), input.timeoutMs);
  try {
    const response = await input.fetch(input.url, {
      ...input.init,
      signal: AbortSignal.any([input.signal, timeout.signal]),
      // SECURITY: redirects are followed by the caller, same-origin only, so a token never follows one elsewhere.
      redirect: 'manual',
    });
    const body = await readBounded(response, input.maxBytes);
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    if (input.signal.aborted) throw input.signal.reason;
    if (timeout.signal.aborted) {
      throw new ToolFailure(`${input.provider} did not answer within ${Math.ceil(input.timeoutMs / 1000)} s`);
    }
    if (error instanceof ToolFailure) throw error;
    throw new ToolFailure(`could not reach ${input.provider} at ${input.url.origin}: ${networkReason(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** The useful part of a fetch failure (`ECONNREFUSED`, `ENOTFOUND`…), without request details. */
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? code : cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}
