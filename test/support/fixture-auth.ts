/** The token side of a provider fixture: issues, rotates, expires and revokes bearer tokens. */
import { randomBytes } from 'node:crypto';
import type { FixtureReply } from './fixture-server.ts';

/** Tokens as the "connect" step hands them to Hallpass. */
export interface FixtureGrant {
  accessToken: string;
  refreshToken: string;
  extras: Record<string, string>;
}

/** Every token a fixture issued starts with this, so tests can grep for any of them. */
export const FIXTURE_TOKEN_PREFIX = 'fxtok_';

/** Issues opaque tokens and answers the refresh_token grant (RFC 6749 §6) with rotation. */
export class FixtureAuth {
  readonly #name: string;
  readonly #extras: () => Record<string, string>;
  readonly #access = new Set<string>();
  readonly #refresh = new Set<string>();
  /** Every token ever issued, access and refresh. */
  readonly issued: string[] = [];
  /** Successful refresh grants served. */
  refreshes = 0;

  constructor(name: string, extras: () => Record<string, string>) {
    this.#name = name;
    this.#extras = extras;
  }

  /** The person connected: a fresh access + refresh token pair. */
  grant(): FixtureGrant {
    return { accessToken: this.#mint('a', this.#access), refreshToken: this.#mint('r', this.#refresh), extras: this.#extras() };
  }

  /** Whether `token` is a live access token. */
  isValid(token: string): boolean {
    return this.#access.has(token);
  }

  /** The access token stops working (as at expiry); its refresh token still works. */
  expire(token: string): void {
    this.#access.delete(token);
  }

  /** The grant is gone at the provider: every token stops working and refreshes fail with invalid_grant. */
  revokeAll(): void {
    this.#access.clear();
    this.#refresh.clear();
  }

  /** POST /oauth/token with grant_type=refresh_token. */
  tokenEndpoint(form: URLSearchParams): FixtureReply {
    if (form.get('grant_type') !== 'refresh_token') {
      return { status: 400, json: { error: 'unsupported_grant_type' } };
    }
    const presented = form.get('refresh_token') ?? '';
    if (!this.#refresh.delete(presented)) {
      return { status: 400, json: { error: 'invalid_grant', error_description: 'refresh token is invalid, expired or revoked' } };
    }
    this.refreshes += 1;
    return {
      status: 200,
      json: {
        access_token: this.#mint('a', this.#access),
        token_type: 'Bearer',
        expires_in: 3600,
        // Rotation: the presented refresh token is spent; a new one replaces it.
        refresh_token: this.#mint('r', this.#refresh),
        ...this.#extras(),
      },
    };
  }

  #mint(kind: 'a' | 'r', into: Set<string>): string {
    const token = `${FIXTURE_TOKEN_PREFIX}${this.#name}_${kind}_${randomBytes(18).toString('base64url')}`;
    into.add(token);
    this.issued.push(token);
    return token;
  }
}
