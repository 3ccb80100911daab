/** Turns oauth4webapi and network errors into short, secret-free sentences, and says which mean "connect again". */
import * as oauth from 'oauth4webapi';

/** A failed authorization flow, said for people (no codes, tokens or secrets in it). */
export class OAuthFlowError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OAuthFlowError';
  }
}

/** Token-endpoint errors that no retry can fix: the grant or the client is no longer accepted (RFC 6749 §5.2). */
const REAUTH_ERRORS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'invalid_scope', 'unsupported_grant_type']);

/** True when the provider refused the grant itself, so the person has to connect again. */
export function needsReauthorization(error: unknown): boolean {
  return error instanceof oauth.ResponseBodyError && REAUTH_ERRORS.has(error.error);
}

/** Replaces every known secret in `text` (providers sometimes echo what they were sent). */
export function scrub(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 8) out = out.replaceAll(secret, '[redacted]');
  return out.length > 300 ? `${out.slice(0, 300)}…` : out;
}

/** One line about an error from the authorization server, the network or the flow. */
export function describeOAuthError(error: unknown, secrets: Iterable<string | undefined> = []): string {
  let text: string;
  if (error instanceof oauth.ResponseBodyError || error instanceof oauth.AuthorizationResponseError) {
    text = `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  } else if (error instanceof oauth.WWWAuthenticateChallengeError) {
    text = `the authorization server refused the request (${error.status})`;
  } else if (error instanceof Error && error.name === 'TimeoutError') {
    text = 'the authorization server did not answer in time';
  } else if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    text = `${error.message}${cause}`;
  } else {
    text = String(error);
  }
  return scrub(text, secrets);
}
