/** Mirror of main's truth (status, requests, sessions, connections, clients) plus the commands a person gives. */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { Bridge } from '../bridge.ts';
import type {
  AddedClient, AgentStatusView, ApproveInput, ClientView, ConnectionView, ControlEvent, InstallAgentInput, InstallAgentResult,
  RequestView, SessionView, StatusView,
} from '../contract.ts';

type ListKind = Exclude<ControlEvent['type'], 'audit'>;

/** What the screens read. */
export interface ControlState {
  /** True once every list has loaded at least once. */
  loaded: boolean;
  /** False while the live link to main is down (data may be stale). */
  linkUp: boolean;
  status: StatusView | undefined;
  requests: RequestView[];
  sessions: SessionView[];
  connections: ConnectionView[];
  clients: ClientView[];
  /** The last refusal or failure, shown until dismissed. */
  error: string | undefined;
  /** Sign-in addresses of the connections this window started a sign-in for, while main says it is waiting. */
  signInLinks: Record<string, string>;
  /** The agent apps and whether each is connected; undefined until first asked for. */
  agents: AgentStatusView[] | undefined;
}

/** What the screens do; every command goes to main, the lists follow main's events. */
export interface ControlActions {
  /** Subscribes to events and loads every list; returns the unsubscribe. */
  start(): () => void;
  refresh(kind: ListKind): Promise<void>;
  setLinkUp(up: boolean): void;
  dismissError(): void;
  approve(requestId: string, input: ApproveInput): Promise<boolean>;
  deny(requestId: string): Promise<boolean>;
  revoke(sessionId: string): Promise<boolean>;
  extend(sessionId: string): Promise<boolean>;
  kill(): Promise<boolean>;
  rearm(): Promise<boolean>;
  /** Registers an agent; the answer (with its one-time token) is returned, never stored. */
  addClient(name: string): Promise<AddedClient | undefined>;
  /** Starts the sign-in of a connection; its address is kept for the link until main stops waiting. */
  connect(connectionId: string): Promise<boolean>;
  disconnect(connectionId: string): Promise<boolean>;
  refreshAgents(): Promise<void>;
  /** Plans (dry run) or writes an agent app's config; the answer names the file, never a token. */
  installAgent(input: InstallAgentInput): Promise<InstallAgentResult | undefined>;
}

/** The control store of one window. */
export type ControlStore = StoreApi<ControlState & ControlActions>;

const LISTS: ListKind[] = ['status', 'requests', 'sessions', 'connections', 'clients'];

/** Creates the store for one bridge. */
export function createControlStore(bridge: Bridge): ControlStore {
  // Per list: the number of the newest fetch, so a slow older answer never overwrites a newer one.
  const issued = new Map<ListKind, number>();

  return createStore<ControlState & ControlActions>()((set, get) => {
    const fetchers: { [K in ListKind]: () => Promise<Partial<ControlState>> } = {
      status: async () => ({ status: await bridge.status() }),
      requests: async () => ({ requests: await bridge.requests() }),
      sessions: async () => ({ sessions: await bridge.sessions() }),
      connections: async () => {
        const connections = await bridge.connections();
        // A link is only worth showing while main still waits for that sign-in.
        const waiting = new Set(connections.filter((c) => c.signIn === 'waiting').map((c) => c.id));
        const signInLinks = Object.fromEntries(Object.entries(get().signInLinks).filter(([id]) => waiting.has(id)));
        return { connections, signInLinks };
      },
      clients: async () => ({ clients: await bridge.clients() }),
    };

    const refresh = async (kind: ListKind): Promise<void> => {
      const mine = (issued.get(kind) ?? 0) + 1;
      issued.set(kind, mine);
      try {
        const patch = await fetchers[kind]();
        if (issued.get(kind) === mine) set(patch);
      } catch (err) {
        if (issued.get(kind) === mine) set({ error: message(err) });
      }
    };

    /** Runs a command; on success refetches what it changed (events will say so too). */
    const command = async (run: () => Promise<unknown>, touched: ListKind[]): Promise<boolean> => {
      try {
        await run();
        await Promise.all(touched.map(refresh));
        return true;
      } catch (err) {
        set({ error: message(err) });
        await Promise.all(touched.map(refresh));
        return false;
      }
    };

    return {
      loaded: false,
      linkUp: true,
      status: undefined,
      requests: [],
      sessions: [],
      connections: [],
      clients: [],
      error: undefined,
      signInLinks: {},
      agents: undefined,
      start() {
        const off = bridge.onEvent((event) => {
          if (event.type !== 'audit') void refresh(event.type);
        });
        void Promise.all(LISTS.map(refresh)).then(() => set({ loaded: true }));
        return off;
      },
      refresh,
      setLinkUp: (up) => set({ linkUp: up }),
      dismissError: () => set({ error: undefined }),
      approve: (id, input) => command(() => bridge.approve(id, input), ['requests', 'sessions']),
      deny: (id) => command(() => bridge.deny(id), ['requests']),
      revoke: (id) => command(() => bridge.revoke(id), ['sessions']),
      extend: (id) => command(() => bridge.extend(id), ['requests']),
      kill: () => command(() => bridge.kill(), LISTS),
      rearm: () => command(() => bridge.rearm(), ['status']),
      async addClient(name) {
        try {
          const added = await bridge.addClient(name);
          await get().refresh('clients');
          return added;
        } catch (err) {
          set({ error: message(err) });
          return undefined;
        }
      },
      async connect(id) {
        try {
          const { authorizationUrl } = await bridge.connect(id);
          set({ signInLinks: { ...get().signInLinks, [id]: authorizationUrl } });
          await refresh('connections');
          return true;
        } catch (err) {
          set({ error: message(err) });
          await refresh('connections');
          return false;
        }
      },
      async disconnect(id) {
        let revocationFailed: string | undefined;
        const ok = await command(async () => {
          const result = await bridge.disconnect(id);
          if (result.revocation === 'failed') revocationFailed = result.detail ?? 'no reason given';
        }, ['connections']);
        if (revocationFailed !== undefined) {
          set({ error: `Deleted the tokens of "${id}" from the keychain, but the provider did not confirm the revocation (${revocationFailed}). Remove Hallpass' access in your account settings there.` });
        }
        return ok;
      },
      async refreshAgents() {
        try {
          set({ agents: await bridge.agentStatus() });
        } catch (err) {
          set({ error: message(err) });
        }
      },
      async installAgent(input) {
        try {
          const result = await bridge.installAgent(input);
          if (!result.dryRun) await Promise.all([get().refreshAgents(), refresh('clients')]);
          return result;
        } catch (err) {
          set({ error: message(err) });
          return undefined;
        }
      },
    };
  });
}

function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // Electron wraps remote errors as "Error invoking remote method 'x': Error: reason"; keep the reason.
  return text.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '');
}
