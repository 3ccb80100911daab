/** A fixture of the Google Drive API v3 files resource: list, get, alt=media, export, create, update. */
import { compileQuery, parseFieldMask, project, type DriveFile } from './fixture-drive-query.ts';
import { jsonBody, startFixtureServer, type FixtureReply, type FixtureServer, type RecordedRequest } from './fixture-server.ts';

const FOLDER = 'application/vnd.google-apps.folder';
const GOOGLE_APPS = 'application/vnd.google-apps.';

/** The Drive fixture and its files. */
export interface GoogleDriveFixture extends FixtureServer {
  files: Map<string, DriveFile>;
}

/** Google's documented error envelope. */
export function googleError(code: number, message: string, reason: string, location?: string): FixtureReply {
  const detail = { message, domain: 'global', reason, ...(location ? { location, locationType: 'parameter' } : {}) };
  return { status: code, json: { error: { code, message, errors: [detail] } } };
}

/** Starts a Drive fixture with a folder, a text file, a Google Doc, a PNG and a trashed file. */
export async function startGoogleDriveFixture(): Promise<GoogleDriveFixture> {
  let tick = 0;
  const time = (): string => new Date(Date.UTC(2025, 0, 1) + (tick += 1) * 1000).toISOString();
  const files = new Map<string, DriveFile>();
  const add = (file: Omit<DriveFile, 'createdTime' | 'modifiedTime' | 'trashed'> & { trashed?: boolean }): void => {
    const at = time();
    files.set(file.id, { trashed: false, createdTime: at, modifiedTime: at, ...file });
  };
  add({ id: 'fldReports', name: 'Reports', mimeType: FOLDER, parents: ['root'] });
  add({ id: 'fNotes', name: 'notes.txt', mimeType: 'text/plain', parents: ['fldReports'], content: Buffer.from('Quarterly notes\nRevenue is up.\n') });
  add({ id: 'fPlan', name: 'Plan', mimeType: `${GOOGLE_APPS}document`, parents: ['root'], exports: { 'text/plain': 'The plan: ship it.', 'text/html': '<p>The plan: ship it.</p>' } });
  add({ id: 'fLogo', name: 'logo.png', mimeType: 'image/png', parents: ['root'], content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) });
  add({ id: 'fOld', name: 'old budget.txt', mimeType: 'text/plain', parents: ['root'], content: Buffer.from('old'), trashed: true });

  const resource = (f: DriveFile): Record<string, unknown> => ({
    kind: 'drive#file', id: f.id, name: f.name, mimeType: f.mimeType, description: f.description, parents: f.parents,
    trashed: f.trashed, createdTime: f.createdTime, modifiedTime: f.modifiedTime,
    size: f.content === undefined ? undefined : String(f.content.length),
    webViewLink: `https://drive.google.com/file/d/${f.id}/view`,
    owners: [{ kind: 'drive#user', displayName: 'Pat Person', emailAddress: 'pat@example.com' }],
  });
  const masked = (value: unknown, req: RecordedRequest, fallback: string): FixtureReply =>
    ({ status: 200, json: project(value, parseFieldMask(req.query.get('fields') ?? fallback)) });
  const notFound = (id: string): FixtureReply => googleError(404, `File not found: ${id}.`, 'notFound', 'fileId');

  const applyMetadata = (file: DriveFile, meta: Record<string, unknown>, req: RecordedRequest): void => {
    if (typeof meta.name === 'string') file.name = meta.name;
    if (typeof meta.description === 'string') file.description = meta.description;
    if (typeof meta.mimeType === 'string') file.mimeType = meta.mimeType;
    if (typeof meta.trashed === 'boolean') file.trashed = meta.trashed;
    const remove = req.query.get('removeParents')?.split(',') ?? [];
    file.parents = [...file.parents.filter((p) => !remove.includes(p)), ...(req.query.get('addParents')?.split(',') ?? [])];
    file.modifiedTime = time();
  };
  const applyMedia = (file: DriveFile, media: { type: string; data: Buffer }): void => {
    if (file.mimeType.startsWith(GOOGLE_APPS)) file.exports = { 'text/plain': media.data.toString('utf8') };
    else file.content = media.data;
  };

  const route = (req: RecordedRequest): FixtureReply => {
    const upload = req.path.startsWith('/upload/drive/v3/files');
    const path = req.path.replace(/^\/upload/, '');
    if (upload && req.query.get('uploadType') !== 'multipart') return googleError(400, 'Unsupported upload type.', 'badRequest', 'uploadType');
    const multipart = upload ? parseMultipart(req) : undefined;
    if (upload && multipart === undefined) return googleError(400, 'Malformed multipart body.', 'badContent');
    if (path === '/drive/v3/files' && req.method === 'GET') {
      const q = req.query.get('q');
      const matches = q === null ? () => true : compileQuery(q);
      if (matches === undefined) return googleError(400, 'Invalid Value', 'invalid', 'q');
      const all = [...files.values()].filter(matches);
      const size = Number(req.query.get('pageSize') ?? '100');
      const start = Number(req.query.get('pageToken') ?? '0');
      const next = start + size < all.length ? String(start + size) : undefined;
      return masked({ kind: 'drive#fileList', nextPageToken: next, incompleteSearch: false, files: all.slice(start, start + size).map(resource) }, req, 'kind,nextPageToken,incompleteSearch,files(kind,id,name,mimeType)');
    }
    if (path === '/drive/v3/files' && req.method === 'POST') {
      const meta = (multipart?.metadata ?? jsonBody(req)) as Record<string, unknown>;
      if (typeof meta.name !== 'string') return googleError(400, 'A name is required.', 'required', 'name');
      const id = `fNew${files.size}`;
      const parents = Array.isArray(meta.parents) ? meta.parents.map(String) : ['root'];
      add({ id, name: meta.name, mimeType: typeof meta.mimeType === 'string' ? meta.mimeType : (multipart?.media.type ?? 'application/octet-stream'), parents, description: typeof meta.description === 'string' ? meta.description : undefined });
      const file = files.get(id) as DriveFile;
      if (multipart !== undefined) applyMedia(file, multipart.media);
      return masked(resource(file), req, 'kind,id,name,mimeType');
    }
    const m = /^\/drive\/v3\/files\/([A-Za-z0-9_-]+)(\/export)?$/.exec(path);
    if (m === null) return googleError(404, 'Not Found', 'notFound');
    const file = files.get(m[1] as string);
    if (file === undefined) return notFound(m[1] as string);
    if (m[2] !== undefined) {
      const target = req.query.get('mimeType') ?? '';
      if (!file.mimeType.startsWith(GOOGLE_APPS)) return googleError(403, 'Export only supports Docs Editors files.', 'fileNotExportable');
      const exported = file.exports?.[target];
      if (exported === undefined) return googleError(400, 'The requested conversion is not supported.', 'badRequest', 'convertTo');
      return { status: 200, headers: { 'content-type': target }, body: exported };
    }
    if (req.method === 'GET' && req.query.get('alt') === 'media') {
      if (file.content === undefined) {
        return googleError(403, 'Only files with binary content can be downloaded. Use Export with Docs Editors files.', 'fileNotDownloadable', 'alt');
      }
      return { status: 200, headers: { 'content-type': file.mimeType }, body: file.content };
    }
    if (req.method === 'GET') return masked(resource(file), req, 'kind,id,name,mimeType');
    if (req.method === 'PATCH') {
      applyMetadata(file, (multipart?.metadata ?? jsonBody(req)) as Record<string, unknown>, req);
      if (multipart !== undefined) applyMedia(file, multipart.media);
      return masked(resource(file), req, 'kind,id,name,mimeType');
    }
    return googleError(405, 'Method not allowed.', 'methodNotAllowed');
  };

  const server = await startFixtureServer({
    name: 'drive',
    unauthorized: () => ({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
      json: {
        error: {
          code: 401, status: 'UNAUTHENTICATED',
          message: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
          errors: [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }],
        },
      },
    }),
    route,
  });
  return Object.assign(server, { files });
}

/** Splits a multipart/related upload into its JSON metadata and its media part. */
export function parseMultipart(req: RecordedRequest): { metadata: Record<string, unknown>; media: { type: string; data: Buffer } } | undefined {
  const boundary = /^multipart\/related; boundary=(\S+)$/.exec(String(req.headers['content-type']))?.[1];
  if (boundary === undefined) return undefined;
  const parts = req.body.toString('latin1').split(`--${boundary}`).slice(1, -1);
  if (parts.length !== 2) return undefined;
  const [meta, media] = parts.map((part) => {
    const split = part.indexOf('\r\n\r\n');
    const head = part.slice(0, split);
    return { type: /Content-Type: ([^\r\n;]+)/i.exec(head)?.[1] ?? '', data: Buffer.from(part.slice(split + 4, -2), 'latin1') };
  }) as [{ type: string; data: Buffer }, { type: string; data: Buffer }];
  if (meta.type !== 'application/json') return undefined;
  return { metadata: JSON.parse(meta.data.toString('utf8')) as Record<string, unknown>, media };
}
