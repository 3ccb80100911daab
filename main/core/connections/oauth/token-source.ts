/** How an OAuth-backed connection obtains access tokens without ever holding the refresh token. */

/** Raised when the stored grant can no longer be refreshed: the person must connect again. */
export class NeedsReauthorizationError extends Error {
  constructor(connection: string, detail: string) {
    super(`connection "${connection}" needs re-authorization: ${detail}. Reconnect it in Hallpass (hallpass connect or the Connect button).`);
    this.name = 'NeedsReauthorizationError';
  }
}

export interface TokenSource {
  /** A valid access token, refreshed first when it is near expiry. Refreshes are serialised per connection. */
  accessToken(): Promise<string>;
  /** Called after the provider answered 401 to `rejected`: refresh once (shared by concurrent callers) and return the new token. */
  refreshAfterUnauthorized(rejected: string): Promise<string>;
  /** Non-secret values from the token response a connector needs (e.g. Salesforce `instance_url`). */
  extra(name: string): string | undefined;
}
