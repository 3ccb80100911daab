/** A small real TokenSource for connector tests: holds tokens a fixture issued, refreshes over HTTP. */
import { NeedsReauthorizationError, type TokenSource } from '../../main/core/connections/oauth/token-source.ts';
import type { FixtureServer } from './fixture-server.ts';

/** Refreshes with the refresh_token grant at the fixture's token endpoint, one refresh at a time. */
export class FixtureTokenSource implements TokenSource {
  readonly #connection: string;
  readonly #tokenUrl: string;
  #access: string;
  #refresh: string;
  #extras: Record<string, string>;
  #pending: Promise<string> | undefined;
  /** Refreshes this source performed. */
  refreshes = 0;

  constructor(connection: string, tokenUrl: string, grant: { accessToken: string; refreshToken: string; extras: Record<string, string> }) {
    this.#connection = connection;
    this.#tokenUrl = tokenUrl;
    this.#access = grant.accessToken;
    this.#refresh = grant.refreshToken;
    this.#extras = { ...grant.extras };
  }

  /** Connects to `fixture` as a person would: a fresh grant from its token issuer. */
  static connect(connection: string, fixture: FixtureServer): FixtureTokenSource {
    return new FixtureTokenSource(connection, fixture.tokenUrl, fixture.auth.grant());
  }

  /** The person connected again (what the vault does after a new authorization). */
  replaceGrant(grant: { accessToken: string; refreshToken: string; extras: Record<string, string> }): void {
    this.#access = grant.accessToken;
    this.#refresh = grant.refreshToken;
    this.#extras = { ...grant.extras };
  }

  accessToken(): Promise<string> {
    return Promise.resolve(this.#access);
  }

  refreshAfterUnauthorized(rejected: string): Promise<string> {
    // Someone else already replaced the rejected token: use theirs.
    if (rejected !== this.#access) return Promise.resolve(this.#access);
    this.#pending ??= this.#refreshNow().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  extra(name: string): string | undefined {
    return Object.hasOwn(this.#extras, name) ? this.#extras[name] : undefined;
  }

  async #refreshNow(): Promise<string> {
    const response = await fetch(this.#tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: this.#refresh, client_id: 'hallpass-test' }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    if (!response.ok) {
      if (body.error === 'invalid_grant') throw new NeedsReauthorizationError(this.#connection, 'the provider rejected the refresh token');
      throw new Error(`token endpoint answered HTTP ${response.status}`);
    }
    const { access_token: access, refresh_token: refresh, token_type: _t, expires_in: _e, ...extras } = body;
    if (typeof access !== 'string') throw new Error('token endpoint sent no access_token');
    this.#access = access;
    if (typeof refresh === 'string') this.#refresh = refresh;
    for (const [key, value] of Object.entries(extras)) if (typeof value === 'string') this.#extras[key] = value;
    this.refreshes += 1;
    return access;
  }
}
