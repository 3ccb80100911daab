/** `hallpass connect add PROVIDER NAME --client-id ID …`: registers a built-in OAuth connector. */
import { checkBaseUrl } from '../../core/connections/connector-kit/base-url.ts';
import { providerSettings } from '../../core/connections/oauth/provider-settings.ts';
import { storeClientSecret } from '../../core/connections/oauth/stored-grant.ts';
import { connectionIdSchema } from '../../core/control/schemas.ts';
import type { OAuthConnectorConfig, OAuthProvider } from '../../core/model.ts';
import type { CliContext } from '../cli-context.ts';
import { CliError, usageError } from '../cli-error.ts';
import { flagOption, listOption, stringOption, type OptionSpec, type Parsed } from '../command-spec.ts';
import { withStore } from '../with-store.ts';
import { cliVault } from './connect-support.ts';

const PATH = 'connect';
const PROVIDERS: readonly OAuthProvider[] = ['google-drive', 'salesforce', 'snowflake', 'github'];
const MAX_SECRET_BYTES = 4096;

/** The options only `connect add` takes. */
export const ADD_OPTIONS: Record<string, OptionSpec> = {
  'client-id': { type: 'string', value: 'ID', help: 'connect add: the OAuth client id (from you or IT)' },
  'base-url': { type: 'string', value: 'URL', help: 'connect add: the provider API base URL' },
  issuer: { type: 'string', value: 'URL', help: 'connect add: the provider sign-in (authorization) server' },
  scope: { type: 'string', multiple: true, value: 'S', help: 'connect add: an OAuth scope instead of the provider default' },
  'client-secret-stdin': { type: 'boolean', help: 'connect add: read the client secret from stdin (to the OS keychain)' },
};

/** Registers the connector; a client secret goes to the keychain, never to the database. */
export async function addConnector(ctx: CliContext, { values, args }: Parsed): Promise<number> {
  const [, provider, name] = args;
  if (provider === undefined || name === undefined) {
    throw usageError('`connect add` needs PROVIDER and NAME, e.g. `hallpass connect add github gh --client-id Iv1.abc`', PATH);
  }
  if (!PROVIDERS.includes(provider as OAuthProvider)) throw usageError(`unknown provider "${provider}": use one of ${PROVIDERS.join(', ')}`, PATH);
  if (!connectionIdSchema.safeParse(name).success) {
    throw usageError(`invalid NAME "${name}": start with a lowercase letter, then lowercase letters, digits or -, at most 24 characters`, PATH);
  }
  // SECURITY: "hallpass" would offer tools that look like Hallpass' own; "add" could never be connected by name.
  if (name === 'hallpass' || name === 'add') throw usageError(`the NAME "${name}" is reserved`, PATH);
  const clientId = stringOption(values, 'client-id');
  if (!clientId) throw usageError('--client-id is required: the id of the OAuth app you or IT registered with the provider (Hallpass ships none)', PATH);
  const baseUrl = stringOption(values, 'base-url');
  if (baseUrl !== undefined) {
    const checked = checkBaseUrl(baseUrl);
    if (!checked.ok) throw usageError(`--base-url: ${checked.reason}`, PATH);
  }
  const issuer = stringOption(values, 'issuer');
  if (issuer !== undefined && !URL.canParse(issuer)) throw usageError(`--issuer "${issuer}" is not a URL`, PATH);
  const scopes = listOption(values, 'scope').flatMap((s) => s.split(/\s+/)).filter(Boolean);
  const config: OAuthConnectorConfig = {
    kind: 'oauth', id: name, provider: provider as OAuthProvider, clientId, enabled: true,
    ...(issuer !== undefined && { issuer }), ...(baseUrl !== undefined && { baseUrl }), ...(scopes.length > 0 && { scopes }),
  };
  try {
    // The same checks the running connection makes: https (http only to this machine), a Snowflake account, scopes.
    providerSettings(config);
  } catch (error) {
    throw usageError((error as Error).message, PATH);
  }
  const secret = flagOption(values, 'client-secret-stdin') ? await readSecret(ctx) : undefined;

  await withStore(ctx, (store) => {
    if (store.connections.get(name)) throw new CliError(`a connection named "${name}" already exists; remove it first (\`hallpass servers remove ${name}\`)`);
  });
  const vault = cliVault(ctx);
  // SECURITY: a new connector starts with an empty keychain item: tokens left under this name by an earlier
  // connection (another provider, perhaps) must never be sent to this one.
  await vault.delete(name);
  if (secret !== undefined) await storeClientSecret(vault, name, secret);
  await withStore(ctx, (store) => store.connections.put(config));
  ctx.out(`Added the ${provider} connector "${name}"${secret !== undefined ? ' (client secret in the OS keychain)' : ''}.\n`
    + `Next: \`hallpass connect ${name}\` to sign in. Agents see its tools as ${name}__<tool>.\n`);
  return 0;
}

/** The client secret from stdin: one line, trailing newline dropped, bounded. */
async function readSecret(ctx: CliContext): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_SECRET_BYTES) throw new CliError(`the client secret on stdin is longer than ${MAX_SECRET_BYTES} bytes`);
    chunks.push(buffer);
  }
  const secret = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (secret === '' || /[\r\n]/.test(secret)) throw new CliError('--client-secret-stdin needs the secret as one line on stdin (e.g. `printf %s "$SECRET" | hallpass connect add …`)');
  return secret;
}
