/** Reading the `Retry-After` header (RFC 9110 §10.2.3) and the default retry policy of connectors. */

/** What a retry policy sees of a response: its status and headers. */
export interface ResponseHead {
  status: number;
  headers: Headers;
}

/** Milliseconds to wait before retrying, or undefined when the response is not a "retry later" answer. */
export type RetryPolicy = (response: ResponseHead, now: number) => number | undefined;

/** Parses `Retry-After` as delta-seconds or an HTTP-date; undefined when absent or malformed. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed) * 1000;
  // HTTP-dates always name a weekday and GMT; a bare number or junk must not parse as a date.
  if (!/^[A-Za-z]{3}, .+ GMT$/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** 429 and 503 with a readable `Retry-After` are retried; everything else is answered as is. */
export const defaultRetryPolicy: RetryPolicy = (response, now) => {
  if (response.status !== 429 && response.status !== 503) return undefined;
  return parseRetryAfter(response.headers.get('retry-after'), now);
};
