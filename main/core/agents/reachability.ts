/** Reaches Hallpass the way a client's entry says (Streamable HTTP with its header, or by running its shim) and lists tools. */
import { Client, StreamableHTTPClientTransport, type Transport } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { z } from 'zod';

export type ProbeResult = { ok: true; tools: number; server: string } | { ok: false; detail: string };

const httpEntry = z.object({ url: z.string().url(), headers: z.record(z.string(), z.string()).optional() });
const stdioEntry = z.object({ command: z.string().min(1), args: z.array(z.string()).optional(), env: z.record(z.string(), z.string()).optional() });

/** Connects with the entry's own settings, completes initialize and tools/list, and disconnects. */
export async function probeEntry(entry: unknown, timeoutMs = 15_000): Promise<ProbeResult> {
  const transport = transportFor(entry);
  if (typeof transport === 'string') return { ok: false, detail: transport };
  const client = new Client({ name: 'hallpass-doctor', version: '1.0.0' });
  try {
    await client.connect(transport, { timeout: timeoutMs });
    let tools = 0;
    let cursor: string | undefined;
    for (let page = 0; page < 50; page += 1) {
      const result = await client.listTools(cursor ? { cursor } : undefined, { timeout: timeoutMs });
      tools += result.tools.length;
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return { ok: true, tools, server: client.getServerVersion()?.name ?? 'unknown' };
  } catch (error) {
    // SECURITY: only the message; errors of the transports carry no header values.
    return { ok: false, detail: (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300) };
  } finally {
    await client.close().catch(() => undefined);
  }
}

function transportFor(entry: unknown): Transport | string {
  const stdio = stdioEntry.safeParse(entry);
  if (stdio.success) {
    const { command, args, env } = stdio.data;
    // Clients start servers with a minimal environment plus the entry's own variables; so does this.
    return new StdioClientTransport({ command, args: args ?? [], env: { ...getDefaultEnvironment(), ...env }, stderr: 'ignore' });
  }
  const http = httpEntry.safeParse(entry);
  if (http.success) {
    return new StreamableHTTPClientTransport(new URL(http.data.url), { requestInit: { headers: http.data.headers ?? {} } });
  }
  return 'the entry has neither a command nor a url';
}
