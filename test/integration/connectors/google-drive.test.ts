/** Google Drive connector against the Drive fixture: every tool, request shapes, errors. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGoogleDriveConnection } from '../../../main/core/connections/google-drive/google-drive-connection.ts';
import { jsonOf, startHarness, textOf, type Harness } from '../../support/fixture-harness.ts';
import { parseMultipart, startGoogleDriveFixture, type GoogleDriveFixture } from '../../support/fixture-google-drive.ts';

describe('Google Drive connector', () => {
  let h: Harness<GoogleDriveFixture>;
  before(async () => {
    h = startHarness(await startGoogleDriveFixture(), 'google-drive', createGoogleDriveConnection);
  });
  after(async () => {
    h.assertNoSecrets();
    await h.close();
  });

  it('lists its tools with exact access classes and JSON Schema inputs', () => {
    const tools = h.connection.tools();
    assert.deepEqual(Object.fromEntries(tools.map((t) => [t.name, t.access])), {
      search_files: 'read', get_file_metadata: 'read', read_file_content: 'read',
      create_file: 'write', update_file: 'write', trash_file: 'write',
    });
    const trash = tools.find((t) => t.name === 'trash_file');
    assert.deepEqual(trash?.inputSchema, {
      type: 'object',
      properties: { fileId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,200}$' } },
      required: ['fileId'],
      additionalProperties: false,
    });
    assert.equal(trash?.annotations?.readOnlyHint, false);
  });

  it('searches with q, leaves trashed files out, and asks for the fields it maps', async () => {
    const found = jsonOf(await h.call('search_files', { q: "name contains 'budget' and name contains 'notes'", pageSize: 5 })) as { files: unknown[] };
    assert.deepEqual(found.files, []);
    const req = h.fixture.last();
    assert.equal(req.path, '/drive/v3/files');
    assert.equal(req.query.get('q'), "(name contains 'budget' and name contains 'notes') and trashed = false");
    assert.equal(req.query.get('pageSize'), '5');
    assert.match(req.query.get('fields') ?? '', /^nextPageToken,incompleteSearch,files\(id,name,mimeType,/);
    const listed = jsonOf(await h.call('search_files', { q: "'fldReports' in parents" })) as { files: Array<Record<string, unknown>> };
    assert.deepEqual(listed.files.map((f) => [f.id, f.name, f.size, f.webViewLink]), [['fNotes', 'notes.txt', '31', 'https://drive.google.com/file/d/fNotes/view']]);
    const withTrash = jsonOf(await h.call('search_files', { q: "name contains 'budget'", includeTrashed: true })) as { files: Array<{ id: string }> };
    assert.deepEqual(withTrash.files.map((f) => f.id), ['fOld']);
  });

  it('pages through results with nextPageToken', async () => {
    const first = jsonOf(await h.call('search_files', { pageSize: 2 })) as { files: Array<{ id: string }>; nextPageToken: string };
    assert.equal(first.files.length, 2);
    const second = jsonOf(await h.call('search_files', { pageSize: 2, pageToken: first.nextPageToken })) as { files: Array<{ id: string }> };
    assert.equal(h.fixture.last().query.get('pageToken'), first.nextPageToken);
    assert.equal(second.files.length, 2);
    assert.notDeepEqual(second.files, first.files);
  });

  it('gets metadata', async () => {
    const meta = jsonOf(await h.call('get_file_metadata', { fileId: 'fNotes' })) as Record<string, unknown>;
    assert.equal(h.fixture.last().path, '/drive/v3/files/fNotes');
    assert.equal(h.fixture.last().query.get('supportsAllDrives'), 'true');
    assert.deepEqual([meta.name, meta.mimeType, meta.parents], ['notes.txt', 'text/plain', ['fldReports']]);
    assert.deepEqual(meta.owners, [{ displayName: 'Pat Person', emailAddress: 'pat@example.com' }]);
    assert.equal(meta.kind, undefined, 'fields the mask did not ask for are not returned');
  });

  it('reads text with alt=media, exports Google Docs, and embeds binaries', async () => {
    const text = await h.call('read_file_content', { fileId: 'fNotes' });
    assert.equal(h.fixture.last().query.get('alt'), 'media');
    assert.equal(text.content[1]?.type === 'text' && text.content[1].text, 'Quarterly notes\nRevenue is up.\n');
    const doc = await h.call('read_file_content', { fileId: 'fPlan' });
    assert.equal(h.fixture.last().path, '/drive/v3/files/fPlan/export');
    assert.equal(h.fixture.last().query.get('mimeType'), 'text/plain');
    assert.match(textOf(doc), /The plan: ship it\./);
    const html = await h.call('read_file_content', { fileId: 'fPlan', exportMimeType: 'text/html' });
    assert.match(textOf(html), /<p>The plan: ship it\.<\/p>/);
    const png = await h.call('read_file_content', { fileId: 'fLogo' });
    const blob = png.content[1];
    assert.ok(blob?.type === 'resource' && 'blob' in blob.resource);
    assert.equal(Buffer.from(blob.resource.blob, 'base64').toString('hex'), '89504e47010203');
    assert.equal(blob.resource.mimeType, 'image/png');
  });

  it('refuses content larger than maxBytes before downloading it', async () => {
    const before = h.fixture.requests.length;
    const result = await h.call('read_file_content', { fileId: 'fNotes', maxBytes: 10 });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /31 bytes, more than maxBytes \(10\)/);
    assert.equal(h.fixture.requests.length - before, 1, 'only the metadata request was sent');
  });

  it('creates a file with a multipart upload, and a folder with metadata only', async () => {
    const created = jsonOf(await h.call('create_file', { name: 'todo.md', mimeType: 'text/markdown', content: '- [ ] ship\n', parents: ['fldReports'] })) as Record<string, unknown>;
    const req = h.fixture.last();
    assert.equal(req.path, '/upload/drive/v3/files');
    assert.equal(req.query.get('uploadType'), 'multipart');
    const parts = parseMultipart(req);
    assert.deepEqual(parts?.metadata, { name: 'todo.md', mimeType: 'text/markdown', parents: ['fldReports'] });
    assert.deepEqual([parts?.media.type, parts?.media.data.toString()], ['text/markdown', '- [ ] ship\n']);
    assert.equal(h.fixture.files.get(String(created.id))?.content?.toString(), '- [ ] ship\n');
    const folder = jsonOf(await h.call('create_file', { name: 'Archive', mimeType: 'application/vnd.google-apps.folder' })) as Record<string, unknown>;
    assert.equal(h.fixture.last().path, '/drive/v3/files');
    assert.equal(h.fixture.last().headers['content-type'], 'application/json');
    assert.equal(folder.mimeType, 'application/vnd.google-apps.folder');
  });

  it('updates metadata, moves between folders, and replaces content', async () => {
    const moved = jsonOf(await h.call('update_file', { fileId: 'fNotes', name: 'notes-q2.txt', addParents: ['root'], removeParents: ['fldReports'] })) as Record<string, unknown>;
    const req = h.fixture.last();
    assert.deepEqual([req.method, req.path, req.query.get('addParents'), req.query.get('removeParents')], ['PATCH', '/drive/v3/files/fNotes', 'root', 'fldReports']);
    assert.deepEqual(JSON.parse(req.body.toString()), { name: 'notes-q2.txt' });
    assert.deepEqual([moved.name, moved.parents], ['notes-q2.txt', ['root']]);
    await h.call('update_file', { fileId: 'fNotes', content: 'Revenue doubled.' });
    const upload = h.fixture.last();
    assert.deepEqual([upload.method, upload.path], ['PATCH', '/upload/drive/v3/files/fNotes']);
    assert.equal(parseMultipart(upload)?.media.type, 'text/plain', 'the media part keeps the file type');
    assert.equal(h.fixture.files.get('fNotes')?.content?.toString(), 'Revenue doubled.');
    const nothing = await h.call('update_file', { fileId: 'fNotes' });
    assert.equal(nothing.isError, true);
    assert.match(textOf(nothing), /nothing to update/);
  });

  it('moves a file to the trash with PATCH trashed=true', async () => {
    const trashed = jsonOf(await h.call('trash_file', { fileId: 'fLogo' })) as Record<string, unknown>;
    const req = h.fixture.last();
    assert.deepEqual([req.method, req.path, JSON.parse(req.body.toString())], ['PATCH', '/drive/v3/files/fLogo', { trashed: true }]);
    assert.equal(trashed.trashed, true);
    assert.equal(h.fixture.files.get('fLogo')?.trashed, true);
  });

  it("refreshes after the provider's documented 401 and retries", async () => {
    const old = await h.tokens.accessToken();
    h.fixture.auth.expire(old);
    const before = h.fixture.requests.length;
    assert.notEqual((await h.call('get_file_metadata', { fileId: 'fPlan' })).isError, true);
    const [rejected, retried] = h.fixture.requests.slice(before);
    assert.equal(rejected?.headers.authorization, `Bearer ${old}`);
    assert.equal(retried?.headers.authorization, `Bearer ${await h.tokens.accessToken()}`);
    assert.equal(h.fixture.auth.refreshes, 1);
  });

  it("turns Google's error envelope into clear tool errors", async () => {
    const missing = await h.call('get_file_metadata', { fileId: 'nope' });
    assert.deepEqual([missing.isError, textOf(missing)], [true, 'Google Drive error (HTTP 404): File not found: nope. (notFound)']);
    const badQuery = await h.call('search_files', { q: 'modifiedTime > yesterday' });
    assert.equal(textOf(badQuery), 'Google Drive error (HTTP 400): Invalid Value (invalid)');
  });
});
