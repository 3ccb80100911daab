/** `hallpass connect NAME`, `connect add PROVIDER NAME …` and `disconnect NAME`: authorizations in the OS keychain. */
import { disconnectOAuth, type DisconnectOAuthResult } from '../../core/connections/oauth/disconnect-oauth.ts';
import { connectOAuth } from '../../core/connections/oauth/connect-oauth.ts';
import { providerSettings } from '../../core/connections/oauth/provider-settings.ts';
import type { BrowserOpener } from '../../core/connections/oauth/system-browser.ts';
import { connectRemote } from '../../core/connections/remote/connect-remote.ts';
import { disconnectRemote } from '../../core/connections/remote/disconnect-remote.ts';
import { assertNever } from '../../core/model.ts';
import type { CliContext } from '../cli-context.ts';
import { CliError, usageError } from '../cli-error.ts';
import { intOption, type CommandSpec } from '../command-spec.ts';
import { ADD_OPTIONS, addConnector } from './connect-add.ts';
import { cliLog, cliVault, configuredConnection, tellRunningInstance, terminalOpener } from './connect-support.ts';

/** Authorizes Hallpass for connection `id` through `opener`; tokens go to the keychain, then a running Hallpass is told. */
async function connectConnection(ctx: CliContext, id: string, opener: BrowserOpener, timeoutMs = 300_000): Promise<void> {
  const config = await configuredConnection(ctx, id);
  if (config.kind === 'stdio') throw new CliError(`"${id}" is a local (stdio) server; it needs no authorization`);
  const deps = { vault: cliVault(ctx), clock: ctx.clock, log: cliLog(ctx), opener, timeoutMs };
  // Fail before a browser opens when the keychain cannot keep what the person is about to authorize.
  await deps.vault.get(id);
  switch (config.kind) {
    case 'remote': {
      const result = await connectRemote(config, deps);
      ctx.out(result.authorized
        ? `Connected "${id}": its tokens are in the OS keychain.\n`
        : `"${id}" answered without asking for authorization; nothing was stored.\n`);
      break;
    }
    case 'oauth': {
      const result = await connectOAuth(providerSettings(config), deps);
      const scope = result.scope ? ` (scope: ${result.scope})` : '';
      const refresh = result.refreshable ? '' : ' The provider gave no refresh token: connect again when the access token expires.';
      ctx.out(`Connected "${id}" (${config.provider})${scope}: its tokens are in the OS keychain.${refresh}\n`);
      break;
    }
    default:
      assertNever(config);
  }
  await tellRunningInstance(ctx, id, 'running');
}

const connect: CommandSpec = {
  path: 'connect',
  summary: 'Authorize Hallpass for a remote MCP server or an OAuth connector (tokens go to the OS keychain)',
  usage: [
    'connect NAME [--timeout S]',
    'connect add PROVIDER NAME --client-id ID [--base-url URL] [--issuer URL] [--scope S]… [--client-secret-stdin]',
  ],
  details: [
    '`connect NAME` opens the provider\'s sign-in page in your browser and prints its address (for machines without a',
    'browser: open it on this machine). Tokens go to the OS keychain only; a running Hallpass picks them up at once.',
    '`connect add` registers a built-in connector: PROVIDER is google-drive, salesforce, snowflake or github. The client',
    'id (and a secret, where the provider insists) come from the OAuth app you or IT registered; Hallpass ships none.',
    'The secret is read from stdin and stored in the OS keychain, never in the database.',
    '--base-url: the API (GitHub Enterprise https://HOST/api/v3, a Salesforce instance, https://ACCOUNT.snowflakecomputing.com).',
    '--issuer: the sign-in server (GitHub Enterprise https://HOST, Salesforce https://test.salesforce.com or My Domain).',
  ].join('\n'),
  options: {
    timeout: { type: 'string', value: 'S', help: 'seconds to wait for the browser (default 300)' },
    ...ADD_OPTIONS,
  },
  args: { min: 1, max: 3, names: 'a connection NAME (or: add PROVIDER NAME)' },
  async run(ctx, parsed) {
    const { values, args } = parsed;
    if (args[0] === 'add') {
      if (values.timeout !== undefined) throw usageError('--timeout is for `connect NAME`', 'connect');
      return addConnector(ctx, parsed);
    }
    if (args.length > 1) throw usageError(`unexpected argument "${args[1]}" for "connect"`, 'connect');
    const misplaced = Object.keys(ADD_OPTIONS).find((name) => values[name] !== undefined);
    if (misplaced) throw usageError(`--${misplaced} is for \`connect add\``, 'connect');
    const timeout = intOption(values, 'timeout', 10, 3600, 'connect') ?? 300;
    await connectConnection(ctx, args[0]!, terminalOpener(ctx), timeout * 1000);
    return 0;
  },
};

const disconnect: CommandSpec = {
  path: 'disconnect',
  summary: 'Revoke Hallpass\' tokens for a connection at the provider and delete them from the OS keychain',
  usage: ['disconnect NAME'],
  details: 'The tokens are deleted locally in every case. A stored client secret stays (it is configuration).',
  options: {},
  args: { min: 1, max: 1, names: 'a connection NAME' },
  async run(ctx, { args }) {
    const id = args[0]!;
    const config = await configuredConnection(ctx, id);
    const deps = { vault: cliVault(ctx), log: cliLog(ctx) };
    let result: DisconnectOAuthResult;
    switch (config.kind) {
      case 'stdio':
        throw new CliError(`"${id}" is a local (stdio) server; it holds no authorization`);
      case 'remote':
        result = await disconnectRemote(config, deps);
        break;
      case 'oauth':
        result = await disconnectOAuth(providerSettings(config), deps);
        break;
      default:
        return assertNever(config);
    }
    const { revocation } = result;
    if (revocation === 'failed') ctx.err(`hallpass: deleted the tokens of "${id}" from the OS keychain, but the provider did not confirm the revocation (${result.detail ?? 'no reason given'}); remove Hallpass' access in your account settings there.\n`);
    else ctx.out(`${disconnectedText(id, revocation)}\n`);
    await tellRunningInstance(ctx, id, 'needs-auth');
    return revocation === 'failed' ? 1 : 0;
  },
};

function disconnectedText(id: string, revocation: Exclude<DisconnectOAuthResult['revocation'], 'failed'>): string {
  switch (revocation) {
    case 'revoked':
      return `Revoked the tokens of "${id}" at the provider and deleted them from the OS keychain.`;
    case 'not-offered':
      return `Deleted the tokens of "${id}" from the OS keychain. The provider offers no revocation endpoint: remove Hallpass' access in your account settings there to end the grant.`;
    case 'nothing-stored':
      return `"${id}" was not connected: nothing to revoke or delete.`;
    default:
      return assertNever(revocation);
  }
}

/** The `connect` and `disconnect` commands. */
export const connectCommands: readonly CommandSpec[] = [connect, disconnect];
