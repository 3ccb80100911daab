// The window's security: BrowserWindow options, CSP, external links, navigation and permission guards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy, safeExternalUrl, windowOptions } from '../../../main/electron/window-policy.ts';
import { isRendererUrl, rendererLocation, rendererUrl } from '../../../main/electron/renderer-location.ts';
import { guardSession, guardWebContents } from '../../../main/electron/web-contents-guard.ts';
import { FakeSession, FakeWebContents, memoryLog } from './fake-electron.ts';

const INDEX = '/opt/Hallpass/resources/app.asar/dist/renderer/index.html';
const packaged = rendererLocation({ packaged: true, indexHtml: INDEX, devUrl: 'http://127.0.0.1:5173' });
const dev = rendererLocation({ packaged: false, indexHtml: INDEX, devUrl: 'http://127.0.0.1:5173/' });

test('window options: isolated, sandboxed, no Node, no webviews, hidden until painted', () => {
  const options = windowOptions({ preload: '/app/preload.cjs', devTools: false });
  assert.equal(options.show, false);
  assert.deepEqual(options.webPreferences, {
    preload: '/app/preload.cjs',
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: false,
  });
});

test('packaged CSP: own scripts and styles only, no inline code, no network, no frames', () => {
  const csp = contentSecurityPolicy(packaged);
  assert.equal(csp, [
    "script-src 'self'", "style-src 'self'", "connect-src 'none'", "default-src 'none'", "img-src 'self' data:", "font-src 'self'",
    "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'", "frame-src 'none'", "object-src 'none'", "worker-src 'none'", "manifest-src 'none'",
  ].join('; '));
  assert.doesNotMatch(csp, /unsafe-(inline|eval)|https?:|\*/);
});

test('dev CSP allows only what Vite needs, from the loopback dev origin', () => {
  const csp = contentSecurityPolicy(dev);
  assert.match(csp, /connect-src 'self' ws:\/\/127\.0\.0\.1:5173/);
  assert.doesNotMatch(csp, /unsafe-eval/);
});

test('a dev renderer URL counts only unpackaged and on loopback http', () => {
  assert.deepEqual(packaged, { kind: 'file', indexHtml: INDEX }, 'packaged apps ignore the dev URL');
  assert.deepEqual(dev, { kind: 'dev', origin: 'http://127.0.0.1:5173' });
  assert.deepEqual(rendererLocation({ packaged: false, indexHtml: INDEX }), { kind: 'file', indexHtml: INDEX });
  for (const bad of ['http://192.168.1.5:5173', 'https://localhost:5173', 'http://localhost.evil.example:5173', 'file:///tmp/index.html']) {
    assert.throws(() => rendererLocation({ packaged: false, indexHtml: INDEX, devUrl: bad }), /refusing dev renderer URL/, bad);
  }
});

test('renderer URLs: the packaged index.html with any hash, or the dev origin; nothing else', () => {
  const own = pathToFileURL(INDEX).href;
  assert.equal(rendererUrl(packaged), own);
  assert.equal(rendererUrl(dev), 'http://127.0.0.1:5173/');
  assert.equal(isRendererUrl(packaged, `${own}#/activity`), true);
  assert.equal(isRendererUrl(packaged, `${own}?x=1`), true);
  assert.equal(isRendererUrl(packaged, pathToFileURL('/opt/Hallpass/resources/app.asar/dist/renderer/other.html').href), false);
  assert.equal(isRendererUrl(packaged, 'file://host/opt/Hallpass/resources/app.asar/dist/renderer/index.html'), false);
  assert.equal(isRendererUrl(packaged, 'not a url'), false);
  assert.equal(isRendererUrl(dev, 'http://127.0.0.1:5173/src/app.tsx'), true);
  assert.equal(isRendererUrl(dev, 'http://127.0.0.1:5174/'), false);
});

test('external links: plain https only', () => {
  assert.equal(safeExternalUrl('https://modelcontextprotocol.io/docs'), 'https://modelcontextprotocol.io/docs');
  for (const bad of [
    'http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'ms-settings:privacy',
    'https://user:pw@example.com/', 'https://', 'not a url', `https://example.com/${'a'.repeat(2100)}`,
  ]) {
    assert.equal(safeExternalUrl(bad), undefined, bad);
  }
});

test('the web contents guard: window.open denied, navigation away denied, https handed to the OS browser', () => {
  const contents = new FakeWebContents();
  const opened: string[] = [];
  const log = memoryLog();
  const guard = guardWebContents(contents, { location: packaged, openExternal: async (url) => { opened.push(url); }, log });

  assert.deepEqual(contents.windowOpenHandler?.({ url: 'https://github.com/hallpass' }), { action: 'deny' });
  assert.deepEqual(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' }), { action: 'deny' });
  assert.equal(contents.navigate('https://evil.example/phish'), true, 'navigation away is prevented');
  assert.equal(contents.navigate('javascript:alert(1)'), true);
  assert.equal(contents.navigate(`${pathToFileURL(INDEX).href}#/sessions`), false, 'our own page may navigate within itself');
  assert.deepEqual(opened, ['https://github.com/hallpass', 'https://evil.example/phish']);
  assert.equal(log.lines.filter((l) => l.msg.startsWith('refused to open')).length, 2);

  let prevented = false;
  contents.emit('will-attach-webview', { preventDefault: () => { prevented = true; } });
  assert.equal(prevented, true, 'webviews are refused');

  guard.dispose();
  assert.equal(contents.listenerCount('will-navigate') + contents.listenerCount('will-attach-webview'), 0);
});

test('the session guard sets the CSP on every response (replacing any other) and denies permissions', () => {
  const session = new FakeSession();
  const guard = guardSession(session, packaged);
  assert.deepEqual(session.respond({ 'content-security-policy': ["default-src *"], 'x-other': ['1'] }), {
    'x-other': ['1'], 'Content-Security-Policy': [contentSecurityPolicy(packaged)],
  });
  const own = pathToFileURL(INDEX).href;
  const ask = (permission: string, requestingUrl: string) => {
    let granted: boolean | undefined;
    session.requestHandler?.({}, permission, (g) => { granted = g; }, { requestingUrl });
    return granted;
  };
  assert.equal(ask('clipboard-sanitized-write', own), true, 'copying a new client config works');
  for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) assert.equal(ask(p, own), false, p);
  assert.equal(ask('clipboard-sanitized-write', 'https://evil.example/'), false);
  assert.equal(session.checkHandler?.({}, 'clipboard-sanitized-write', 'file://', { requestingUrl: own }), true);
  assert.equal(session.checkHandler?.({}, 'media', 'file://', { requestingUrl: own }), false);
  guard.dispose();
  assert.deepEqual([session.headersListener, session.requestHandler, session.checkHandler], [null, null, null]);
});
