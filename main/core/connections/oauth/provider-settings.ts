/** Each built-in provider's documented OAuth endpoints and scopes, turned into the settings of one grant. */
import { assertNever, type OAuthConnectorConfig } from '../../model.ts';
import { assertEndpointAllowed, isLoopbackHostname } from './endpoint-policy.ts';
import { parseOAuthSettings, type OAuthSettings } from './oauth-settings.ts';

/** Google's issuer (OIDC discovery: authorization, token and revocation endpoints come from its metadata). */
export const GOOGLE_ISSUER = 'https://accounts.google.com';
/** Full Drive access: search and read every file, create, update and trash (the connector's write tools need it). */
export const GOOGLE_DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive';
/** Salesforce's production login server; sandboxes use https://test.salesforce.com, orgs their My Domain URL. */
export const SALESFORCE_LOGIN = 'https://login.salesforce.com';
/** github.com; GitHub Enterprise Server serves the same paths on its own host. */
export const GITHUB_WEB = 'https://github.com';

/** Joins a documented path to a configured server URL ("https://h" and "https://h/" alike). */
function endpoint(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** The account URL of a Snowflake connection: the issuer override, else the API base URL. */
function snowflakeAccount(config: OAuthConnectorConfig): string {
  const account = config.issuer ?? config.baseUrl;
  if (account === undefined) {
    throw new Error(`connection "${config.id}" has no Snowflake account URL; set its base URL to https://<account>.snowflakecomputing.com`);
  }
  return new URL(account).origin;
}

/** The provider's part of the settings: where its authorization server is and what it asks for by default. */
function providerPart(config: OAuthConnectorConfig): Omit<OAuthSettings, 'connectionId' | 'clientId'> {
  switch (config.provider) {
    case 'google-drive':
      return {
        server: { kind: 'discovery', issuer: config.issuer ?? GOOGLE_ISSUER, algorithm: 'oidc' },
        scopes: [GOOGLE_DRIVE_SCOPE],
        // Google issues a refresh token only with access_type=offline, and again on a later connect only with prompt=consent.
        authorizationParams: { access_type: 'offline', prompt: 'consent' },
        clientAuthMethod: 'client_secret_post',
      };
    case 'salesforce': {
      const login = config.issuer ?? SALESFORCE_LOGIN;
      return {
        server: {
          kind: 'static', issuer: login,
          authorizationEndpoint: endpoint(login, '/services/oauth2/authorize'),
          tokenEndpoint: endpoint(login, '/services/oauth2/token'),
          revocationEndpoint: endpoint(login, '/services/oauth2/revoke'),
        },
        // `refresh_token` is the scope that lets Salesforce issue a refresh token.
        scopes: ['api', 'refresh_token'],
        // The org's REST API lives at the token response's instance_url (not a secret).
        keepTokenFields: ['instance_url'],
        clientAuthMethod: 'client_secret_post',
      };
    }
    case 'snowflake': {
      const account = snowflakeAccount(config);
      return {
        server: {
          kind: 'static', issuer: account,
          authorizationEndpoint: endpoint(account, '/oauth/authorize'),
          tokenEndpoint: endpoint(account, '/oauth/token-request'),
        },
        // Snowflake issues a refresh token only when `refresh_token` is asked (and the integration allows it).
        scopes: ['refresh_token'],
        clientAuthMethod: 'client_secret_basic',
      };
    }
    case 'github': {
      const web = config.issuer ?? GITHUB_WEB;
      return {
        // No RFC 7009 endpoint: disconnect deletes the tokens here; access is revoked in the person's GitHub settings.
        server: {
          kind: 'static', issuer: web,
          authorizationEndpoint: endpoint(web, '/login/oauth/authorize'),
          tokenEndpoint: endpoint(web, '/login/oauth/access_token'),
        },
        // Issues, pull requests and contents of private repositories, and creating issues and comments.
        scopes: ['repo'],
        clientAuthMethod: 'client_secret_post',
      };
    }
    default:
      return assertNever(config.provider);
  }
}

/** The OAuth settings of a configured connector (client id from the config; a secret, if any, lives in the vault). */
export function providerSettings(config: OAuthConnectorConfig): OAuthSettings {
  const part = providerPart(config);
  const issuer = new URL(part.server.issuer);
  // SECURITY: plain http only when the configured authorization server is this machine (development, tests);
  // every endpoint it names is still held to the same rule (https, or http to loopback).
  const insecure = issuer.protocol === 'http:' && isLoopbackHostname(issuer.hostname);
  assertEndpointAllowed(issuer, `authorization server of "${config.id}"`, insecure);
  return parseOAuthSettings({
    ...part,
    connectionId: config.id,
    clientId: config.clientId,
    ...(config.scopes !== undefined && config.scopes.length > 0 && { scopes: config.scopes }),
    ...(insecure && { allowInsecureLoopback: true }),
  });
}
