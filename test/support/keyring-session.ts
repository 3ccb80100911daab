// A real Secret Service for keychain tests: the test file re-runs itself under `dbus-run-session` with a private,
// throw-away GNOME Keyring (`echo -n pw | gnome-keyring-daemon --unlock --components=secrets`), never the
// developer's own keyring. Needs (Debian): gnome-keyring dbus dbus-x11 libsecret-tools.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MARK = 'HALLPASS_TEST_KEYRING_DIR';
const PASSWORD = 'pw';
const COLLECTION = '/org/freedesktop/secrets/collection/login';

/** An item as `secret-tool search --all` prints it. */
export interface SecretToolItem {
  label: string;
  secret: string;
  attributes: Record<string, string>;
}

/** The private keyring the current process runs against. */
export interface KeyringSession {
  /** Temp dir holding the keyring files (removed by the outer process). */
  dir: string;
  /** Items of the Secret Service whose attribute `name` equals `value`, as a person's tools would list them. */
  search(name: string, value: string): SecretToolItem[];
  /** Locks the login collection for the rest of this run: the keychain then refuses reads and writes (no prompter here). */
  lock(): void;
}

/**
 * In the test runner's process: re-runs `testFile` inside a private D-Bus session and exits with its status
 * (this call then never returns; the inner run writes the test report). Inside: starts GNOME Keyring and returns
 * the session. Returns undefined where no Secret Service can exist (not Linux): the caller skips with a reason.
 */
export async function keyringSession(testFile: string): Promise<KeyringSession | undefined> {
  if (process.platform !== 'linux') return undefined;
  const inner = process.env[MARK];
  if (inner) return startKeyring(inner);
  for (const tool of ['dbus-run-session', 'gnome-keyring-daemon', 'secret-tool', 'dbus-send']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      throw new Error(`keychain tests need ${tool}: apt-get install -y gnome-keyring dbus dbus-x11 libsecret-tools`);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'hallpass-keyring-'));
  mkdirSync(join(dir, 'run'), { mode: 0o700 });
  mkdirSync(join(dir, 'data', 'keyrings'), { recursive: true, mode: 0o700 });
  // The login keyring (created by --unlock with the password) becomes the default collection.
  writeFileSync(join(dir, 'data', 'keyrings', 'default'), 'login');
  const code = await new Promise<number>((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, [MARK]: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_RUNTIME_DIR: join(dir, 'run') };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const child = spawn('dbus-run-session', ['--', process.execPath, ...process.execArgv, testFile], { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    const onTerm = forward('SIGTERM');
    const onInt = forward('SIGINT');
    process.once('SIGTERM', onTerm).once('SIGINT', onInt);
    child.once('exit', (status, signal) => {
      process.off('SIGTERM', onTerm).off('SIGINT', onInt);
      resolve(status ?? (signal ? 1 : 0));
    });
  });
  rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}

function startKeyring(dir: string): KeyringSession {
  const started = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { input: PASSWORD, encoding: 'utf8', timeout: 10_000 });
  if (started.status !== 0) throw new Error(`gnome-keyring-daemon did not start: ${started.stderr}`);
  // The daemon forks; wait until it owns the Secret Service name, or D-Bus would activate a second, locked one.
  const deadline = Date.now() + 10_000;
  while (!nameOwned('org.freedesktop.secrets')) {
    if (Date.now() > deadline) throw new Error('gnome-keyring-daemon did not claim org.freedesktop.secrets within 10 s');
    spawnSync('sleep', ['0.05']);
  }
  return {
    dir,
    // secret-tool prints labels and secrets on stdout and attributes on stderr: merge them in order.
    search: (name, value) => parseSecretTool(run('sh', ['-c', 'secret-tool search --all "$0" "$1" 2>&1', name, value]).stdout),
    lock: () => void run('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.secrets', '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock', `array:objpath:${COLLECTION}`]),
  };
}

function run(cmd: string, args: string[]): { stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10_000 });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr };
}

function nameOwned(name: string): boolean {
  const r = spawnSync('dbus-send', ['--session', '--print-reply=literal', '--dest=org.freedesktop.DBus', '/', 'org.freedesktop.DBus.NameHasOwner', `string:${name}`], { encoding: 'utf8', timeout: 5_000 });
  return r.stdout.includes('true');
}

/** Parses `secret-tool search --all` output (secret-tool prints attributes and secrets as `key = value` lines). */
function parseSecretTool(text: string): SecretToolItem[] {
  const items: SecretToolItem[] = [];
  let current: SecretToolItem | undefined;
  for (const line of text.split('\n')) {
    if (/^\[\/.*\]$/.test(line.trim())) {
      current = { label: '', secret: '', attributes: {} };
      items.push(current);
      continue;
    }
    const m = /^(\S+) = (.*)$/.exec(line);
    if (!m || !current) continue;
    const [, key = '', value = ''] = m;
    if (key === 'label') current.label = value;
    else if (key === 'secret') current.secret = value;
    else if (key.startsWith('attribute.')) current.attributes[key.slice('attribute.'.length)] = value;
  }
  return items;
}
