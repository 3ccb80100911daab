/** Turns a provider profile + tool definitions + a token source into a gateway `Connection`. */
import type { CallToolResult } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { Access, Clock, ConnectionStatus, Disposable, OAuthConnectorConfig } from '../../model.ts';
import type { CallOptions, Connection, ProgressUpdate } from '../connection-types.ts';
import type { TokenSource } from '../oauth/token-source.ts';
import { createApiClient } from './api-client.ts';
import { checkBaseUrl } from './base-url.ts';
import { errorResult, toConnectionTool, type ConnectorTool } from './connector-tool.ts';
import { defaultLimits, type ConnectorLimits, type ProviderProfile } from './provider-profile.ts';
import { redactResult, redactText } from './redact.ts';
import { systemSleep, type Sleep } from './sleep.ts';
import { ToolFailure } from './tool-failure.ts';

/** Decides the access class of one concrete call, before the gateway authorises it. */
export interface CallClassifier {
  /** `read` only when this tool with these arguments only reads; unknown tools and bad arguments are `write`. */
  classifyCall(tool: string, args: Record<string, unknown>): Access;
}

/** A connection to an OAuth-backed provider API. */
export interface ConnectorConnection extends Connection, CallClassifier {}

/** What a connector connection is built from. */
export interface ConnectorConnectionDeps {
  config: OAuthConnectorConfig;
  profile: ProviderProfile;
  tools: readonly ConnectorTool[];
  tokenSource: TokenSource;
  clock: Clock;
  fetch?: typeof fetch;
  sleep?: Sleep;
  limits?: Partial<ConnectorLimits>;
}

/** What every provider factory (`createGitHubConnection(config, deps)`…) needs besides its config. */
export interface ProviderConnectionDeps {
  tokenSource: TokenSource;
  clock: Clock;
  fetch?: typeof fetch;
  sleep?: Sleep;
  limits?: Partial<ConnectorLimits>;
}

const RECENT_TOKENS = 16;

/** Builds the connection; it is `running` at once (listing needs no network) unless its config is unusable. */
export function createConnectorConnection(deps: ConnectorConnectionDeps): ConnectorConnection {
  const { config, profile } = deps;
  const limits: ConnectorLimits = { ...defaultLimits, ...deps.limits };
  const byName = new Map(deps.tools.map((tool) => [tool.name, tool] as const));
  const listed = Object.freeze(deps.tools.map(toConnectionTool));
  const lifetime = new AbortController();
  const listeners = new Set<() => void>();
  const recentTokens: string[] = [];
  const configProblem = config.baseUrl === undefined ? undefined : checkBaseUrl(config.baseUrl);
  let status: ConnectionStatus = configProblem?.ok === false ? 'failed' : 'running';
  let detail: string | undefined = configProblem?.ok === false ? configProblem.reason : undefined;

  const setStatus = (next: ConnectionStatus, nextDetail: string | undefined): void => {
    if (next === status && nextDetail === detail) return;
    status = next;
    detail = nextDetail;
    for (const listener of listeners) {
      try {
        listener();
      } catch {
        // A failing listener must not turn a tool result into a rejection.
      }
    }
  };
  const sawToken = (token: string): void => {
    if (recentTokens.includes(token)) return;
    recentTokens.push(token);
    if (recentTokens.length > RECENT_TOKENS) recentTokens.shift();
  };

  async function callTool(name: string, args: Record<string, unknown>, options: CallOptions): Promise<CallToolResult> {
    options.signal.throwIfAborted();
    if (lifetime.signal.aborted) return errorResult(`connection "${config.id}" is stopped`);
    if (status === 'failed') return errorResult(`connection "${config.id}" cannot be used: ${detail ?? 'failed'}`);
    const tool = byName.get(name);
    if (tool === undefined) return errorResult(`unknown tool "${name}" on connection "${config.id}"`);
    // SECURITY: every argument is validated before anything reaches the provider.
    const parsed = tool.input.safeParse(args);
    if (!parsed.success) return errorResult(`invalid arguments for ${name}:\n${z.prettifyError(parsed.error)}`);
    const signal = AbortSignal.any([options.signal, lifetime.signal]);
    // MCP progress must increase within a request, whichever part of the call (retry, polling) reports it.
    let step = 0;
    const progress = (update: ProgressUpdate): void => options.onProgress?.({ ...update, progress: (step += 1) });
    const sleep = deps.sleep ?? systemSleep;
    const api = createApiClient({
      profile, limits, sleep, signal, sawToken, progress,
      tokens: deps.tokenSource, fetch: deps.fetch ?? globalThis.fetch, clock: deps.clock,
    });
    try {
      const result = await tool.run(parsed.data, { api, signal, sleep, progress, clock: deps.clock });
      if (status === 'needs-auth') setStatus('running', undefined);
      return redactResult(result, recentTokens);
    } catch (error) {
      // The gateway aborted (revoke, kill, cancel): reject, as the contract's abort path.
      if (options.signal.aborted) throw options.signal.reason;
      if (lifetime.signal.aborted) return errorResult(`connection "${config.id}" was stopped during the call`);
      if (isNeedsReauthorization(error)) {
        const message = redactText(error.message, recentTokens);
        setStatus('needs-auth', message);
        return errorResult(message);
      }
      const message = error instanceof ToolFailure ? error.message : `${profile.displayName} connector failed: ${String(error)}`;
      return errorResult(redactText(message, recentTokens));
    }
  }

  return {
    id: config.id,
    status: () => status,
    statusDetail: () => detail,
    tools: () => (status === 'failed' ? [] : listed),
    callTool,
    classifyCall(name, args) {
      const tool = byName.get(name);
      if (tool === undefined) return 'write';
      const parsed = tool.input.safeParse(args);
      // INVARIANT: fail closed — arguments that do not validate never classify as read.
      if (!parsed.success) return 'write';
      if (tool.classify === undefined) return tool.access;
      try {
        return tool.classify(parsed.data) === 'read' ? 'read' : 'write';
      } catch {
        return 'write';
      }
    },
    onChange(listener): Disposable {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    },
    dispose() {
      if (lifetime.signal.aborted) return;
      lifetime.abort(new Error(`connection "${config.id}" disposed`));
      setStatus('stopped', undefined);
      listeners.clear();
    },
  };
}

function isNeedsReauthorization(error: unknown): error is Error {
  return error instanceof Error && error.name === 'NeedsReauthorizationError';
}
