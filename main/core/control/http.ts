/** The control contract over HTTP JSON + SSE under /api, for `hallpass serve` (DESIGN.md §4). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ControlError, type Control } from './control-types.ts';
import { approveInputSchema, auditQuerySchema, connectionIdSchema, installAgentInputSchema } from './schemas.ts';
import { sameHash, hashToken } from '../clients/client-tokens.ts';
import { readBody, sendJson, BodyTooLargeError } from '../serve/http-util.ts';

const MAX_API_BODY = 64 * 1024;
const ID = /^[a-z]{3}_[A-Za-z0-9_-]{6,64}$/;
const addClientSchema = z.strictObject({ name: z.string().min(1).max(64) });
const exportSchema = z.strictObject({ format: z.enum(['jsonl', 'csv']) });

type Route = (req: IncomingMessage, res: ServerResponse, url: URL, id: string | undefined, input: unknown) => Promise<void> | void;
const noInput = z.strictObject({});
const WITH_INPUT = new Set(['POST clients', 'POST requests/:id/approve', 'POST agents/install']);

/** Returns the /api request handler; answers 401 without the control token. */
export function createControlHttp(control: Control, controlToken: string) {
  const tokenHash = hashToken(controlToken);
  const readJson = async (req: IncomingMessage): Promise<unknown> => {
    const text = (await readBody(req, MAX_API_BODY)).toString('utf8');
    if (!text) return {};
    try { return JSON.parse(text) as unknown; } catch { throw new ControlError(400, 'body is not valid JSON'); }
  };
  const parse = <T>(schema: z.ZodType<T>, value: unknown): T => {
    const r = schema.safeParse(value);
    if (!r.success) throw new ControlError(400, z.prettifyError(r.error).replace(/\n/g, ' '));
    return r.data;
  };
  const routes: Record<string, Route> = {
    'GET status': (_q, res) => sendJson(res, 200, control.status()),
    'GET requests': (_q, res) => sendJson(res, 200, control.requests()),
    'GET sessions': (_q, res) => sendJson(res, 200, control.sessions()),
    'GET connections': (_q, res) => sendJson(res, 200, control.connections()),
    'GET clients': (_q, res) => sendJson(res, 200, control.clients()),
    'POST clients': (_q, res, _u, _id, input) => sendJson(res, 201, control.addClient(parse(addClientSchema, input).name)),
    'GET audit': (_q, res, url) => sendJson(res, 200, control.audit(parse(auditQuerySchema, Object.fromEntries(url.searchParams)))),
    'GET audit/verify': (_q, res) => sendJson(res, 200, control.auditVerify()),
    'GET audit/export': (_q, res, url) => {
      const { format } = parse(exportSchema, Object.fromEntries(url.searchParams));
      res.writeHead(200, { 'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
      res.end(control.auditExport(format));
    },
    'POST requests/:id/approve': (_q, res, _u, id, input) => sendJson(res, 200, control.approve(id!, parse(approveInputSchema, input))),
    'POST requests/:id/deny': (_q, res, _u, id) => sendJson(res, 200, control.deny(id!)),
    'POST sessions/:id/revoke': (_q, res, _u, id) => sendJson(res, 200, control.revoke(id!)),
    'POST sessions/:id/extend': (_q, res, _u, id) => sendJson(res, 201, control.extend(id!)),
    'POST kill': (_q, res) => sendJson(res, 200, control.kill()),
    'POST rearm': (_q, res) => sendJson(res, 200, control.rearm()),
    'POST connections/:id/connect': async (_q, res, _u, id) => sendJson(res, 200, await control.connect(id!)),
    'POST connections/:id/disconnect': async (_q, res, _u, id) => sendJson(res, 200, await control.disconnect(id!)),
    // SECURITY: the token of the new client goes into the app's file only; the answer names the file and a redacted diff.
    'POST agents/install': async (_q, res, _u, _id, input) => sendJson(res, 200, await control.installAgent(parse(installAgentInputSchema, input))),
    'GET agents': async (_q, res) => sendJson(res, 200, await control.agentStatus()),
    'GET events': (req, res) => streamEvents(control, req, res),
  };

  return async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      const auth = req.headers.authorization ?? '';
      const presented = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
      // SECURITY: every /api route needs the control token (constant-time compare of hashes).
      if (!presented || !sameHash(hashToken(presented), tokenHash)) return sendJson(res, 401, { error: 'missing or wrong control token' });
      const parts = url.pathname.replace(/^\/api\/?/, '').split('/').filter(Boolean);
      let id: string | undefined;
      if (parts.length === 3) {
        id = parts[1];
        // Connections are named by the person (`[a-z][a-z0-9-]{0,23}`); everything else has generated ids.
        const valid = parts[0] === 'connections' ? connectionIdSchema.safeParse(id).success : id !== undefined && ID.test(id);
        if (!id || !valid) return sendJson(res, 404, { error: 'unknown id' });
        parts[1] = ':id';
      }
      const key = `${req.method} ${parts.join('/')}`;
      const route = routes[key];
      if (!route) return sendJson(res, 404, { error: `no route ${req.method} ${url.pathname}` });
      let input: unknown;
      if (req.method === 'POST') {
        input = await readJson(req);
        // SECURITY: routes that take no input accept only an empty object, nothing else.
        if (!WITH_INPUT.has(key)) parse(noInput, input);
      }
      await route(req, res, url, id, input);
    } catch (err) {
      if (err instanceof ControlError) return sendJson(res, err.status, { error: err.message });
      if (err instanceof BodyTooLargeError) return sendJson(res, 413, { error: err.message });
      return sendJson(res, 500, { error: 'internal error' });
    }
  };
}

const KEEPALIVE_MS = 15_000;

function streamEvents(control: Control, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': hallpass events\n\n');
  const off = control.onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEPALIVE_MS);
  const close = () => { off(); clearInterval(keepAlive); };
  req.on('close', close);
  res.on('close', close);
}
