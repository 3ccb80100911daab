/** GitHub REST at the HTTP level: versioned media type, error format, primary and secondary rate limits. */
import type { OAuthConnectorConfig } from '../../model.ts';
import type { ProviderProfile } from '../connector-kit/provider-profile.ts';
import { defaultRetryPolicy, parseRetryAfter, type RetryPolicy } from '../connector-kit/retry-after.ts';

/** GitHub's documented default; Enterprise Server uses https://HOST/api/v3 as baseUrl. */
export const GITHUB_API = 'https://api.github.com';
/** Secondary limits without headers: GitHub asks clients to wait at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000;
/** Margin after `x-ratelimit-reset`, against clock skew between us and GitHub. */
const RESET_MARGIN_MS = 1_000;

/**
 * GitHub's documented rate-limit answers (403 or 429): `retry-after` (secondary limits) wins; else
 * `x-ratelimit-remaining: 0` means wait until `x-ratelimit-reset` (epoch seconds); a bare 429 means a minute.
 */
export const githubRetryPolicy: RetryPolicy = (response, now) => {
  if (response.status !== 403 && response.status !== 429) return defaultRetryPolicy(response, now);
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now);
  if (retryAfter !== undefined) return retryAfter;
  if (response.headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now) + RESET_MARGIN_MS;
  }
  return response.status === 429 ? SECONDARY_LIMIT_WAIT_MS : undefined;
};

/** The profile of github.com, or of the Enterprise Server named by config.baseUrl. */
export function githubProfile(config: OAuthConnectorConfig): ProviderProfile {
  return {
    displayName: 'GitHub',
    baseUrl: () => config.baseUrl ?? GITHUB_API,
    headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
    describeError(_status, body) {
      if (typeof body !== 'object' || body === null) return undefined;
      const { message, errors } = body as { message?: unknown; errors?: unknown };
      if (typeof message !== 'string') return undefined;
      if (!Array.isArray(errors) || errors.length === 0) return message;
      return `${message}: ${errors.map(describeValidationError).join('; ')}`;
    },
    retryPolicy: githubRetryPolicy,
  };
}

function describeValidationError(error: unknown): string {
  if (typeof error === 'string') return error;
  if (typeof error !== 'object' || error === null) return 'invalid';
  const { message, resource, field, code } = error as Record<string, unknown>;
  if (typeof message === 'string') return message;
  return [resource, field, code].filter((part) => typeof part === 'string').join(' ');
}
