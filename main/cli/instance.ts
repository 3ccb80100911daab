/** Finds the running Hallpass instance of a data dir through instance.json, and talks to its control API. */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { dataFiles, type InstanceInfo } from '../core/paths/data-dir.ts';
import { readLiveInstance } from '../core/serve/instance-files.ts';
import { CliError } from './cli-error.ts';

/** The live instance of this data dir, or undefined when none runs (no file, a stale or a broken one). */
export function findInstance(dataDir: string): InstanceInfo | undefined {
  return readLiveInstance(dataFiles(dataDir).instance);
}

/** A client of the running instance's control API (`/api`, bearer control token). */
export interface ControlApi {
  /** Sends a request and validates the answer with `schema`; failures become one-line CliErrors. */
  call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.infer<S>>;
}

/** Connects to the control API of a running instance, reading its control token. */
export async function controlApi(dataDir: string, instance: InstanceInfo): Promise<ControlApi> {
  const file = dataFiles(dataDir).controlToken;
  let token: string;
  try {
    token = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    throw new CliError(`cannot read the control token ${file}: ${(error as Error).message}`);
  }
  const base = `http://127.0.0.1:${instance.port}`;
  return {
    async call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
      let res: Response;
      try {
        // SECURITY: the control token goes only to the loopback instance that wrote it.
        const headers = { authorization: `Bearer ${token}` };
        const signal = AbortSignal.timeout(15_000);
        res = await fetch(`${base}${path}`, body === undefined
          ? { method, headers, signal }
          : { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
      } catch (error) {
        throw new CliError(`the running Hallpass (pid ${instance.pid}) does not answer on port ${instance.port}: ${(error as Error).message}`);
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      if (!res.ok) {
        const reason = (json as { error?: unknown } | undefined)?.error;
        throw new CliError(typeof reason === 'string' ? reason : `${method} ${path} failed with HTTP ${res.status}`);
      }
      const answer = schema.safeParse(json);
      if (!answer.success) throw new CliError(`unexpected answer from ${method} ${path}: ${answer.error.issues[0]?.message ?? 'invalid'}`);
      return answer.data;
    },
  };
}
