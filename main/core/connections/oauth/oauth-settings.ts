/** What one OAuth grant needs to know: the client, the authorization server and the scopes. Never secrets. */
import { z } from 'zod';
import { connectionIdSchema } from '../../control/schemas.ts';

const urlText = z.string().url().max(2048);

/** Where an authorization server's endpoints come from: RFC 8414 / OIDC discovery, or fixed endpoints (e.g. GitHub). */
export const authorizationServerSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('discovery'),
    /** The issuer identifier; discovery checks the metadata names exactly this issuer. */
    issuer: urlText,
    /** `oidc`: `<issuer>/.well-known/openid-configuration`; `oauth2`: RFC 8414 `/.well-known/oauth-authorization-server`. */
    algorithm: z.enum(['oidc', 'oauth2']),
  }),
  z.strictObject({
    kind: z.literal('static'),
    issuer: urlText,
    authorizationEndpoint: urlText,
    tokenEndpoint: urlText,
    /** RFC 7009 endpoint, when the provider offers one. */
    revocationEndpoint: urlText.optional(),
    /** RFC 9207: the provider always sends `iss` on the authorization response. */
    issParameterSupported: z.boolean().optional(),
  }),
]);
export type AuthorizationServerSource = z.infer<typeof authorizationServerSourceSchema>;

export const oauthSettingsSchema = z.strictObject({
  /** The connection this grant belongs to: the account of its keychain item. */
  connectionId: connectionIdSchema,
  /** From the person's or IT's configuration; none are shipped. */
  clientId: z.string().min(1).max(512),
  server: authorizationServerSourceSchema,
  scopes: z.array(z.string().min(1).max(256).regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'scope tokens are printable ASCII without spaces, quotes or backslashes')).max(64),
  /** Extra authorization request parameters, e.g. Google's `access_type=offline`. Cannot override the flow's own. */
  authorizationParams: z.record(z.string().min(1).max(64), z.string().max(1024)).optional(),
  /** Non-secret token-response fields kept for `TokenSource.extra()`, e.g. Salesforce `instance_url`. */
  keepTokenFields: z.array(z.string().min(1).max(64)).max(16).optional(),
  /** Client authentication when a client secret is stored in the vault. Default `client_secret_basic`. */
  clientAuthMethod: z.enum(['client_secret_basic', 'client_secret_post']).optional(),
  /** Development and tests only: allow `http://` authorization servers on loopback addresses. */
  allowInsecureLoopback: z.boolean().optional(),
});
/** Settings of one OAuth grant (validated with `parseOAuthSettings`). */
export type OAuthSettings = z.infer<typeof oauthSettingsSchema>;

/** Parameters the flow sets itself; `authorizationParams` may not replace them. */
const RESERVED_PARAMS = new Set(['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'code_challenge', 'code_challenge_method', 'nonce', 'request', 'request_uri']);

/** Token-response fields that are secrets and never kept as extras. */
const SECRET_FIELDS = new Set(['access_token', 'refresh_token', 'id_token', 'client_secret']);

/** Returns validated settings; throws an Error naming the first problem. */
export function parseOAuthSettings(settings: unknown): OAuthSettings {
  const parsed = oauthSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.') || 'settings';
    throw new Error(`invalid OAuth settings at ${where}: ${issue?.message ?? 'invalid'}`);
  }
  const reserved = Object.keys(parsed.data.authorizationParams ?? {}).find((name) => RESERVED_PARAMS.has(name));
  // SECURITY: configuration must not be able to swap the redirect, the PKCE challenge or the state of the flow.
  if (reserved) throw new Error(`invalid OAuth settings at authorizationParams.${reserved}: set by Hallpass itself`);
  const secretField = parsed.data.keepTokenFields?.find((name) => SECRET_FIELDS.has(name));
  // SECURITY: extras are handed out as non-secret values; token fields never are.
  if (secretField) throw new Error(`invalid OAuth settings at keepTokenFields: "${secretField}" is a secret`);
  return parsed.data;
}
