/** How Hallpass authenticates as the OAuth client: a public client (PKCE only), or with the secret from the vault. */
import * as oauth from 'oauth4webapi';
import type { OAuthSettings } from './oauth-settings.ts';

/** `None()` without a stored secret; otherwise the configured method (default client_secret_basic). */
export function clientAuthentication(settings: OAuthSettings, clientSecret: string | undefined): oauth.ClientAuth {
  if (clientSecret === undefined) return oauth.None();
  return settings.clientAuthMethod === 'client_secret_post' ? oauth.ClientSecretPost(clientSecret) : oauth.ClientSecretBasic(clientSecret);
}
