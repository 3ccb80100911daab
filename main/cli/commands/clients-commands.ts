/** `hallpass clients add|list|remove`: agent applications and their tokens. */
import { createClient } from '../../core/clients/client-tokens.ts';
import { CliError } from '../cli-error.ts';
import { flagOption, JSON_OPTION as json, type CommandSpec } from '../command-spec.ts';
import { findInstance } from '../instance.ts';
import { formatTime, printJson, printTable } from '../output.ts';
import { withStore } from '../with-store.ts';
import { clientConfig, clientConfigText, DEFAULT_PORT } from './client-config.ts';

const add: CommandSpec = {
  path: 'clients add',
  summary: 'Register an agent application and print its token (once) with ready-to-paste config',
  usage: ['clients add NAME [--json]'],
  details: 'NAME: letters, digits, space, . _ - (up to 64). Only a hash of the token is stored; it cannot be shown again.',
  options: { json },
  args: { min: 1, max: 1, names: 'a client NAME' },
  async run(ctx, { values, args }) {
    const { client, token } = await withStore(ctx, (store) => createClient(store, ctx.ids, ctx.clock, args[0]!));
    const port = findInstance(ctx.dataDir)?.port ?? DEFAULT_PORT;
    const config = clientConfig(token, port, ctx.env.HALLPASS_HOME);
    if (flagOption(values, 'json')) {
      printJson(ctx, { id: client.id, name: client.name, createdAt: client.createdAt, token, ...config });
    } else {
      ctx.out(clientConfigText(client.name, token, config));
    }
    return 0;
  },
};

const list: CommandSpec = {
  path: 'clients list',
  summary: 'List registered clients (never their tokens)',
  usage: ['clients list [--json]'],
  options: { json },
  args: { min: 0, max: 0, names: '' },
  async run(ctx, { values }) {
    const clients = await withStore(ctx, (store) => store.clients.list());
    // SECURITY: views carry no token hash.
    const views = clients.map((c) => ({ id: c.id, name: c.name, createdAt: c.createdAt }));
    if (flagOption(values, 'json')) printJson(ctx, views);
    else printTable(ctx, ['ID', 'NAME', 'CREATED (UTC)'], views.map((c) => [c.id, c.name, formatTime(c.createdAt)]), 'No clients yet: add one with `hallpass clients add NAME`.');
    return 0;
  },
};

const remove: CommandSpec = {
  path: 'clients remove',
  summary: 'Remove a client; its token stops working at once',
  usage: ['clients remove NAME|ID'],
  options: {},
  args: { min: 1, max: 1, names: 'a client NAME or ID' },
  async run(ctx, { args }) {
    const removed = await withStore(ctx, (store) => store.clients.remove(args[0]!));
    if (!removed) throw new CliError(`no client named or with id "${args[0]}" (see \`hallpass clients list\`)`);
    ctx.out(`Removed client "${args[0]}".\n`);
    return 0;
  },
};

/** The `clients` group. */
export const clientsGroup = {
  name: 'clients',
  summary: 'Add, list and remove agent clients (tokens)',
  commands: [add, list, remove],
};
