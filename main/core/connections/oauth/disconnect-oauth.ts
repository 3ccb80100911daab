/** Disconnect: revoke the grant at the provider (RFC 7009, where offered), then delete the tokens from the keychain. */
import * as oauth from 'oauth4webapi';
import type { Log } from '../../model.ts';
import type { Vault } from '../../vault/vault-types.ts';
import { oauthHttpOptions, resolveAuthorizationServer } from './authorization-server.ts';
import { clientAuthentication } from './client-auth.ts';
import { describeOAuthError } from './oauth-errors.ts';
import { parseOAuthSettings, type OAuthSettings } from './oauth-settings.ts';
import { readOAuthRecord, writeOAuthRecord } from './stored-grant.ts';

/** What happened at the provider. The local tokens are deleted in every case. */
export type RevocationOutcome = 'revoked' | 'not-offered' | 'failed' | 'nothing-stored';

export interface DisconnectOAuthResult {
  connectionId: string;
  revocation: RevocationOutcome;
  /** Why revocation failed (secret-free). */
  detail?: string;
}

/** Revokes the refresh token, then the access token, and removes them from the keychain (a stored client secret stays). */
export async function disconnectOAuth(rawSettings: OAuthSettings, deps: { vault: Vault; log: Log; fetch?: typeof fetch }): Promise<DisconnectOAuthResult> {
  const settings = parseOAuthSettings(rawSettings);
  const id = settings.connectionId;
  const record = await readOAuthRecord(deps.vault, id);
  const tokens = record.tokens;
  if (!tokens) return { connectionId: id, revocation: 'nothing-stored' };
  let revocation: RevocationOutcome = 'revoked';
  let detail: string | undefined;
  try {
    const http = oauthHttpOptions(settings, deps.fetch);
    const as = await resolveAuthorizationServer(settings, http);
    if (!as.revocation_endpoint) {
      revocation = 'not-offered';
    } else {
      const client: oauth.Client = { client_id: settings.clientId };
      const auth = clientAuthentication(settings, record.clientSecret);
      // The refresh token first: revoking it ends the grant at most providers, access tokens included.
      const order: [string, string][] = tokens.refreshToken ? [[tokens.refreshToken, 'refresh_token'], [tokens.accessToken, 'access_token']] : [[tokens.accessToken, 'access_token']];
      for (const [token, hint] of order) {
        const response = await oauth.revocationRequest(as, client, auth, token, { ...http, additionalParameters: { token_type_hint: hint } });
        await oauth.processRevocationResponse(response);
      }
    }
  } catch (error) {
    revocation = 'failed';
    detail = describeOAuthError(error, [tokens.accessToken, tokens.refreshToken, record.clientSecret]);
    deps.log.warn('oauth revocation failed; deleting the local tokens anyway', { connection: id, error: detail });
  }
  // INVARIANT: disconnect always forgets the tokens locally, whatever the provider said.
  await writeOAuthRecord(deps.vault, id, { kind: 'oauth', ...(record.clientSecret !== undefined && { clientSecret: record.clientSecret }) });
  deps.log.info('oauth connection disconnected', { connection: id, revocation });
  return { connectionId: id, revocation, ...(detail !== undefined && { detail }) };
}
