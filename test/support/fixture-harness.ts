/** Wires a provider fixture, a FixtureTokenSource and a connector connection for tests. */
import assert from 'node:assert/strict';
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { ProviderConnectionDeps, ConnectorConnection } from '../../main/core/connections/connector-kit/create-connector-connection.ts';
import type { Sleep } from '../../main/core/connections/connector-kit/sleep.ts';
import type { OAuthConnectorConfig, OAuthProvider } from '../../main/core/model.ts';
import { FIXTURE_TOKEN_PREFIX } from './fixture-auth.ts';
import type { FixtureServer } from './fixture-server.ts';
import { FixtureTokenSource } from './fixture-token-source.ts';

/** A connection under test with its fixture, tokens and a manual clock. */
export interface Harness<F extends FixtureServer> {
  fixture: F;
  tokens: FixtureTokenSource;
  connection: ConnectorConnection;
  /** The injected clock's current time (epoch ms); `sleep` advances it. */
  now(): number;
  /** Every wait the connector asked for, in ms. */
  waits: number[];
  /** Every result returned through `call`, for the secret grep. */
  results: CallToolResult[];
  call(name: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<CallToolResult>;
  /** Fails if any token the fixture ever issued (or any fixture-token-shaped text) is in any result. */
  assertNoSecrets(): void;
  close(): Promise<void>;
}

/** Options of a harness. */
export interface HarnessOptions {
  /** Replaces the instant sleep (e.g. one that waits for an abort). */
  sleep?: Sleep;
  config?: Partial<OAuthConnectorConfig>;
  limits?: ProviderConnectionDeps['limits'];
}

/** A fixed starting time, so rate-limit resets computed by tests line up with the connector's clock. */
export const HARNESS_EPOCH_MS = Date.UTC(2025, 5, 1, 12, 0, 0);

/** Starts a harness around a started fixture. */
export function startHarness<F extends FixtureServer>(
  fixture: F,
  provider: OAuthProvider,
  create: (config: OAuthConnectorConfig, deps: ProviderConnectionDeps) => ConnectorConnection,
  options: HarnessOptions = {},
): Harness<F> {
  let now = HARNESS_EPOCH_MS;
  const waits: number[] = [];
  const results: CallToolResult[] = [];
  const id = `test-${provider}`;
  const tokens = FixtureTokenSource.connect(id, fixture);
  const instantSleep: Sleep = async (ms, signal) => {
    signal.throwIfAborted();
    waits.push(ms);
    now += ms;
  };
  const config: OAuthConnectorConfig = { kind: 'oauth', id, provider, clientId: 'hallpass-test', enabled: true, baseUrl: fixture.url, ...options.config };
  const connection = create(config, {
    tokenSource: tokens,
    clock: { now: () => now },
    sleep: options.sleep ?? instantSleep,
    limits: options.limits,
  });
  return {
    fixture,
    tokens,
    connection,
    now: () => now,
    waits,
    results,
    async call(name, args, signal = new AbortController().signal) {
      const result = await connection.callTool(name, args, { signal });
      results.push(result);
      return result;
    },
    assertNoSecrets() {
      const text = JSON.stringify(results);
      assert.ok(results.length > 0, 'no results were collected');
      for (const token of fixture.auth.issued) assert.ok(!text.includes(token), 'a token appeared in a tool result');
      assert.ok(!text.includes(FIXTURE_TOKEN_PREFIX), 'something token-shaped appeared in a tool result');
    },
    async close() {
      await connection.dispose();
      await fixture.close();
    },
  };
}

/** All text of a result, joined. */
export function textOf(result: CallToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
}

/** The JSON a successful single-text result carries. */
export function jsonOf(result: CallToolResult): unknown {
  assert.notEqual(result.isError, true, `expected success, got: ${textOf(result)}`);
  return JSON.parse(textOf(result)) as unknown;
}
