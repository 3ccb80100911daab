/** `hallpass servers add|list|remove`: the MCP servers Hallpass fronts. */
import { hasEnvReferences } from '../../core/agents/env-references.ts';
import { cliVault } from './connect-support.ts';
import { VaultUnavailableError } from '../../core/vault/vault-types.ts';
import { isAbsolute, resolve } from 'node:path';
import type { ConnectionConfig } from '../../core/model.ts';
import { assertNever } from '../../core/model.ts';
import { CliError, usageError } from '../cli-error.ts';
import { flagOption, JSON_OPTION, listOption, stringOption, type CommandSpec } from '../command-spec.ts';
import { printJson, printTable, shellWord } from '../output.ts';
import { withStore } from '../with-store.ts';
import { envPairs, remoteUrl, serverName, toolOverrides } from './server-input.ts';

const add: CommandSpec = {
  path: 'servers add',
  summary: 'Register a local (stdio) or remote (Streamable HTTP) MCP server',
  usage: [
    'servers add NAME [--env KEY=VALUE]… [--cwd DIR] [--read-only-tool T]… [--write-tool T]… -- CMD [ARGS…]',
    'servers add NAME --url https://HOST/PATH [--allow-loopback] [--read-only-tool T]… [--write-tool T]…',
  ],
  details: [
    'NAME becomes the tool prefix agents see (NAME__tool): a lowercase letter, then lowercase letters, digits or -, up to 24.',
    'Hallpass starts stdio servers itself and restarts them when they die. A running `hallpass serve` picks the change up.',
    'Tools count as write unless the server marks them readOnlyHint; --read-only-tool / --write-tool override that per tool.',
  ].join('\n'),
  options: {
    url: { type: 'string', value: 'URL', help: 'remote MCP server (https)' },
    'allow-loopback': { type: 'boolean', help: 'development only: allow http:// and this machine for --url' },
    env: { type: 'string', multiple: true, value: 'KEY=VALUE', help: 'environment variable for a stdio server' },
    cwd: { type: 'string', value: 'DIR', help: 'working directory of a stdio server' },
    'read-only-tool': { type: 'string', multiple: true, value: 'T', help: 'treat tool T as read' },
    'write-tool': { type: 'string', multiple: true, value: 'T', help: 'treat tool T as write' },
  },
  args: { min: 1, max: 1, names: 'a server NAME' },
  rest: true,
  async run(ctx, { values, args, rest }) {
    const id = serverName(args[0]!);
    const url = stringOption(values, 'url');
    const overrides = toolOverrides(listOption(values, 'read-only-tool'), listOption(values, 'write-tool'));
    let config: ConnectionConfig;
    if (url !== undefined) {
      if (rest) throw usageError('give either --url or -- CMD ARGS…, not both', 'servers add');
      if (values.env || values.cwd) throw usageError('--env and --cwd are for stdio servers, not --url', 'servers add');
      const allowLoopback = flagOption(values, 'allow-loopback');
      config = { kind: 'remote', id, url: remoteUrl(url, allowLoopback), enabled: true, ...(allowLoopback ? { allowLoopback } : {}), ...(overrides ? { overrides } : {}) };
    } else {
      const [command, ...commandArgs] = rest ?? [];
      if (!command) throw usageError('give the server command after -- (e.g. `hallpass servers add files -- npx -y @modelcontextprotocol/server-filesystem ~/Documents`) or --url', 'servers add');
      if (values['allow-loopback']) throw usageError('--allow-loopback is for --url only', 'servers add');
      const cwd = stringOption(values, 'cwd');
      config = {
        kind: 'stdio', id, command, args: commandArgs, env: envPairs(listOption(values, 'env')), enabled: true,
        ...(cwd ? { cwd: isAbsolute(cwd) ? cwd : resolve(cwd) } : {}), ...(overrides ? { overrides } : {}),
      };
    }
    await withStore(ctx, (store) => {
      if (store.connections.get(id)) throw new CliError(`a server named "${id}" already exists; remove it first (\`hallpass servers remove ${id}\`)`);
      store.connections.put(config);
    });
    ctx.out(`Added server "${id}" (${config.kind}): ${target(config)}\nAgents see its tools as ${id}__<tool>.\n`);
    return 0;
  },
};

const list: CommandSpec = {
  path: 'servers list',
  summary: 'List registered servers (environment variable values are never shown)',
  usage: ['servers list [--json]'],
  options: { json: JSON_OPTION },
  args: { min: 0, max: 0, names: '' },
  async run(ctx, { values }) {
    const configs = await withStore(ctx, (store) => store.connections.list());
    if (flagOption(values, 'json')) printJson(ctx, configs.map(view));
    else printTable(ctx, ['NAME', 'KIND', 'ENABLED', 'TARGET'], configs.map((c) => [c.id, c.kind, c.enabled ? 'yes' : 'no', target(c)]), 'No servers yet: add one with `hallpass servers add NAME -- CMD ARGS…`.');
    return 0;
  },
};

const remove: CommandSpec = {
  path: 'servers remove',
  summary: 'Remove a server; a running Hallpass stops it',
  usage: ['servers remove NAME'],
  options: {},
  args: { min: 1, max: 1, names: 'a server NAME' },
  async run(ctx, { args }) {
    const id = args[0]!;
    const config = await withStore(ctx, (store) => {
      const found = store.connections.get(id);
      if (found) store.connections.remove(id);
      return found;
    });
    if (!config) throw new CliError(`no server named "${id}" (see \`hallpass servers list\`)`);
    ctx.out(`Removed server "${id}".\n`);
    // SECURITY: its tokens or moved env secrets must not outlive it (a later server of the same name must not inherit them).
    if (config.kind !== 'stdio' || hasEnvReferences(config.env)) {
      try {
        await cliVault(ctx).delete(id);
        ctx.out(`Deleted its keychain item (service Hallpass, account ${id}).\n`);
      } catch (err) {
        ctx.err(`hallpass: warning: could not delete its keychain item (service Hallpass, account ${id}): ${(err as Error).message}\n`);
        // Without a reachable keychain nothing of it can be read either (Hallpass never falls back to plaintext);
        // any other failure leaves secrets behind: exit non-zero so scripts notice.
        return err instanceof VaultUnavailableError ? 0 : 1;
      }
    }
    return 0;
  },
};

/** What a listing shows of a config. */
function view(c: ConnectionConfig): Record<string, unknown> {
  switch (c.kind) {
    // SECURITY: env values may be API keys: only their names are shown.
    case 'stdio': return { id: c.id, kind: c.kind, enabled: c.enabled, command: c.command, args: c.args, envKeys: Object.keys(c.env), cwd: c.cwd, overrides: c.overrides };
    case 'remote': return { id: c.id, kind: c.kind, enabled: c.enabled, url: c.url, allowLoopback: c.allowLoopback, overrides: c.overrides };
    case 'oauth': return { id: c.id, kind: c.kind, enabled: c.enabled, provider: c.provider };
    default: return assertNever(c);
  }
}

function target(c: ConnectionConfig): string {
  switch (c.kind) {
    case 'stdio': return [c.command, ...c.args].map(shellWord).join(' ') + (Object.keys(c.env).length ? `  (env: ${Object.keys(c.env).join(', ')})` : '');
    case 'remote': return c.url;
    case 'oauth': return `${c.provider} connector`;
    default: return assertNever(c);
  }
}

/** The `servers` group. */
export const serversGroup = {
  name: 'servers',
  summary: 'Add, list and remove the MCP servers Hallpass fronts',
  commands: [add, list, remove],
};
