/** Disconnect a remote MCP server: revoke its tokens where its authorization server offers RFC 7009, then forget them. */
import { discoverAuthorizationServerMetadata } from '@modelcontextprotocol/client';
import * as oauth from 'oauth4webapi';
import type { Log, RemoteServerConfig } from '../../model.ts';
import type { Vault } from '../../vault/vault-types.ts';
import type { DisconnectOAuthResult, RevocationOutcome } from '../oauth/disconnect-oauth.ts';
import { describeOAuthError } from '../oauth/oauth-errors.ts';
import { parseRemoteServerConfig } from './remote-config-schema.ts';
import { readRemoteRecord } from './remote-record.ts';
import { createGuardedFetch, type Lookup } from './ssrf-guard.ts';

/** Revokes refresh and access token at the issuing authorization server, then deletes the keychain item. */
export async function disconnectRemote(rawConfig: RemoteServerConfig, deps: { vault: Vault; log: Log; fetch?: typeof fetch; lookup?: Lookup }): Promise<DisconnectOAuthResult> {
  const config = parseRemoteServerConfig(rawConfig);
  const id = config.id;
  const record = await readRemoteRecord(deps.vault, id);
  const tokens = record.tokens;
  if (!tokens) {
    await deps.vault.delete(id);
    return { connectionId: id, revocation: 'nothing-stored' };
  }
  let revocation: RevocationOutcome = 'revoked';
  let detail: string | undefined;
  try {
    const guarded = createGuardedFetch({ allowLoopback: config.allowLoopback === true, ...(deps.lookup && { lookup: deps.lookup }), ...(deps.fetch && { fetch: deps.fetch }) });
    // The SDK stamps the issuer on what it stores; its metadata says whether and where it revokes.
    const metadata = tokens.issuer ? await discoverAuthorizationServerMetadata(tokens.issuer, { fetchFn: guarded }) : undefined;
    const endpoint = (metadata as { revocation_endpoint?: unknown } | undefined)?.revocation_endpoint;
    if (typeof endpoint !== 'string' || !record.client) {
      revocation = 'not-offered';
    } else {
      const as = metadata as unknown as oauth.AuthorizationServer;
      const http = {
        signal: () => AbortSignal.timeout(30_000),
        [oauth.customFetch]: (url: string, init: RequestInit) => guarded(url, init),
        // The guard has already limited plain http to development servers on loopback or private addresses.
        ...(config.allowLoopback === true && { [oauth.allowInsecureRequests]: true }),
      };
      const client: oauth.Client = { client_id: record.client.client_id };
      const secret = (record.client as { client_secret?: unknown }).client_secret;
      const auth = typeof secret === 'string' ? oauth.ClientSecretPost(secret) : oauth.None();
      const order: [string, string][] = tokens.refresh_token ? [[tokens.refresh_token, 'refresh_token'], [tokens.access_token, 'access_token']] : [[tokens.access_token, 'access_token']];
      for (const [token, hint] of order) {
        await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auth, token, { ...http, additionalParameters: { token_type_hint: hint } }));
      }
    }
  } catch (error) {
    revocation = 'failed';
    detail = describeOAuthError(error, [tokens.access_token, tokens.refresh_token]);
    deps.log.warn('remote revocation failed; deleting the local tokens anyway', { connection: id, error: detail });
  }
  // INVARIANT: disconnect always forgets the tokens and the registration locally, whatever the server said.
  await deps.vault.delete(id);
  deps.log.info('remote server disconnected', { connection: id, revocation });
  return { connectionId: id, revocation, ...(detail !== undefined && { detail }) };
}
