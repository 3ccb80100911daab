/** What differs between providers at the HTTP level: base URL, headers, error format, rate-limit rules. */
import type { RetryPolicy } from './retry-after.ts';

/** A provider's HTTP conventions, as the kit's API client applies them. */
export interface ProviderProfile {
  /** Name used in messages to the agent, e.g. "GitHub". */
  displayName: string;
  /** The API base URL for this call; throws a `ToolFailure` saying what to configure when there is none. */
  baseUrl(): string;
  /** Headers every request carries (API version, media type). Never the Authorization header. */
  headers?: Readonly<Record<string, string>>;
  /** The provider's own error message from a parsed error body; undefined when the body has none. */
  describeError(status: number, body: unknown): string | undefined;
  /** When to wait and retry; defaults to 429/503 with Retry-After. */
  retryPolicy?: RetryPolicy;
}

/** Bounds every call obeys. */
export interface ConnectorLimits {
  /** Retries after rate-limit answers, per HTTP request. */
  maxRetries: number;
  /** Longest single wait a call accepts; a longer Retry-After becomes a clear error. */
  maxRetryWaitMs: number;
  /** Largest response body read into memory. */
  maxResponseBytes: number;
  /** Longest a single HTTP exchange may take. */
  requestTimeoutMs: number;
  /** Same-origin redirects followed for GET requests. */
  maxRedirects: number;
}

/** Limits that keep a call well inside the 60 s clients wait. */
export const defaultLimits: ConnectorLimits = Object.freeze({
  maxRetries: 3,
  maxRetryWaitMs: 20_000,
  maxResponseBytes: 10 * 1024 * 1024,
  requestTimeoutMs: 50_000,
  maxRedirects: 3,
});
