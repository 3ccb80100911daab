/** The TokenSource of an OAuth connector: refreshes before expiry and after a 401, one refresh at a time. */
import * as oauth from 'oauth4webapi';
import type { Clock, Disposable, Log } from '../../model.ts';
import type { Vault } from '../../vault/vault-types.ts';
import { oauthHttpOptions, resolveAuthorizationServer } from './authorization-server.ts';
import { clientAuthentication } from './client-auth.ts';
import { describeOAuthError, needsReauthorization } from './oauth-errors.ts';
import { parseOAuthSettings, type OAuthSettings } from './oauth-settings.ts';
import { readOAuthRecord, toStoredTokens, writeOAuthRecord, type OAuthRecord, type StoredTokens } from './stored-grant.ts';
import { NeedsReauthorizationError, type TokenSource } from './token-source.ts';

/** `checking` until the keychain was read once; `needs-auth` until the person connects (again);
 * `unavailable` while the keychain cannot be read (locked, missing): retried on the next call. */
export type TokenSourceStatus = 'checking' | 'ready' | 'needs-auth' | 'unavailable';

export interface OAuthTokenSource extends TokenSource, Disposable {
  status(): TokenSourceStatus;
  /** Why it needs authorization, for the UI (never secrets). */
  statusDetail(): string | undefined;
  /** Called whenever status() or statusDetail() changes. */
  onChange(listener: () => void): Disposable;
  /** Re-reads the keychain now (after `connectOAuth` ran, in this process or the CLI). */
  reload(): Promise<void>;
}

export interface TokenSourceDeps {
  vault: Vault;
  clock: Clock;
  log: Log;
  fetch?: typeof fetch;
  /** Refresh this long before `expiresAt` (at most half the token's lifetime). Default 60 s. */
  refreshSkewMs?: number;
}

/** Creates the token source and starts reading the keychain. One per connection: refreshes are serialised here. */
export function createTokenSource(rawSettings: OAuthSettings, deps: TokenSourceDeps): OAuthTokenSource {
  const settings = parseOAuthSettings(rawSettings);
  const id = settings.connectionId;
  const skew = deps.refreshSkewMs ?? 60_000;
  const http = oauthHttpOptions(settings, deps.fetch);
  const client: oauth.Client = { client_id: settings.clientId };
  const listeners = new Set<() => void>();
  let status: TokenSourceStatus = 'checking';
  let detail: string | undefined;
  let record: OAuthRecord = { kind: 'oauth' };
  /** The grant that failed; the keychain must hold a different one before this source is ready again. */
  let dead: StoredTokens | undefined;
  let loading: Promise<StoredTokens> | undefined;
  let refreshing: Promise<StoredTokens> | undefined;
  let metadata: Promise<oauth.AuthorizationServer> | undefined;
  let disposed = false;

  const setStatus = (next: TokenSourceStatus, why: string | undefined): void => {
    if (next === status && why === detail) return;
    status = next;
    detail = why;
    for (const listener of listeners) {
      try {
        listener();
      } catch (error) {
        deps.log.error('token source change listener failed', { connection: id, error: String(error) });
      }
    }
  };

  const needsAuth = (why: string): NeedsReauthorizationError => {
    setStatus('needs-auth', why);
    return new NeedsReauthorizationError(id, why);
  };

  const sameGrant = (a: StoredTokens | undefined, b: StoredTokens | undefined): boolean =>
    a !== undefined && b !== undefined && a.accessToken === b.accessToken && a.refreshToken === b.refreshToken;

  /** Reads the keychain (one read at a time) and adopts a usable grant. */
  const load = (): Promise<StoredTokens> =>
    (loading ??= (async () => {
      try {
        record = await readOAuthRecord(deps.vault, id);
      } catch (error) {
        setStatus('unavailable', describeOAuthError(error));
        throw error;
      }
      const tokens = record.tokens;
      if (!tokens) throw needsAuth('not connected yet');
      if (sameGrant(tokens, dead)) throw needsAuth(detail ?? 'the stored authorization was refused');
      dead = undefined;
      setStatus('ready', undefined);
      return tokens;
    })().finally(() => (loading = undefined)));

  const current = async (): Promise<StoredTokens> => {
    if (disposed) throw new Error(`the token source of "${id}" was disposed`);
    const tokens = status === 'ready' ? record.tokens : undefined;
    return tokens ?? load();
  };

  const authorizationServer = (): Promise<oauth.AuthorizationServer> =>
    (metadata ??= resolveAuthorizationServer(settings, http).catch((error: unknown) => {
      metadata = undefined;
      throw error;
    }));

  const doRefresh = async (from: StoredTokens): Promise<StoredTokens> => {
    // Another process (the CLI) may have connected again, refreshed or disconnected: the keychain is the truth,
    // and with rotation only its newest refresh token is still valid.
    record = await readOAuthRecord(deps.vault, id);
    const base = record.tokens;
    if (!base) throw needsAuth('not connected');
    if (!sameGrant(base, from) && !expiresSoon(base)) return base;
    if (!base.refreshToken) throw markDead(base, 'the access token expired or was refused and the provider gave no refresh token');
    let next: StoredTokens;
    try {
      const as = await authorizationServer();
      const auth = clientAuthentication(settings, record.clientSecret);
      const response = await oauth.refreshTokenGrantRequest(as, client, auth, base.refreshToken, http);
      const result = await oauth.processRefreshTokenResponse(as, client, response);
      next = toStoredTokens(result, base, settings.keepTokenFields ?? [], as.issuer, deps.clock.now());
    } catch (error) {
      const why = describeOAuthError(error, [base.accessToken, base.refreshToken, record.clientSecret]);
      if (needsReauthorization(error)) throw markDead(base, `the provider refused the refresh (${why})`);
      deps.log.warn('oauth refresh failed', { connection: id, error: why });
      throw new Error(`could not refresh the access token of "${id}": ${why}; try again`, { cause: error });
    }
    // INVARIANT: with rotating refresh tokens the new one is the only one left; it replaces the old in memory and keychain.
    record = { ...record, tokens: next };
    deps.log.info('oauth tokens refreshed', { connection: id, rotated: next.refreshToken !== base.refreshToken });
    await writeOAuthRecord(deps.vault, id, record);
    return next;
  };

  const markDead = (tokens: StoredTokens, why: string): NeedsReauthorizationError => {
    dead = tokens;
    deps.log.warn('oauth connection needs re-authorization', { connection: id, reason: why });
    return needsAuth(why);
  };

  /** Within the margin before expiry; short-lived tokens get at most half their lifetime as margin. */
  const expiresSoon = (tokens: StoredTokens): boolean =>
    tokens.expiresAt !== undefined && deps.clock.now() >= tokens.expiresAt - Math.min(skew, (tokens.expiresAt - tokens.obtainedAt) / 2);

  /** One refresh per connection at a time: every concurrent caller shares it. */
  const refresh = (from: StoredTokens): Promise<StoredTokens> => (refreshing ??= doRefresh(from).finally(() => (refreshing = undefined)));

  void load().catch(() => {});

  return {
    async accessToken() {
      const tokens = await current();
      if (refreshing) return (await refreshing).accessToken;
      return expiresSoon(tokens) ? (await refresh(tokens)).accessToken : tokens.accessToken;
    },
    async refreshAfterUnauthorized(rejected) {
      const tokens = await current();
      if (refreshing) return (await refreshing).accessToken;
      // Someone already replaced the refused token: use the new one instead of refreshing again.
      if (tokens.accessToken !== rejected) return tokens.accessToken;
      return (await refresh(tokens)).accessToken;
    },
    extra: (name) => (status === 'ready' ? record.tokens?.extras[name] : undefined),
    status: () => status,
    statusDetail: () => detail,
    onChange(listener) {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    },
    async reload() {
      await load().catch(() => {});
    },
    dispose() {
      disposed = true;
      listeners.clear();
    },
  };
}
