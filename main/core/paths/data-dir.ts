/** Where Hallpass keeps its data (DESIGN.md §4): $HALLPASS_HOME, else the OS default. */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Resolves the data dir from the environment and platform. */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.HALLPASS_HOME) return env.HALLPASS_HOME;
  const home = env.HOME ?? homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Hallpass');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Hallpass');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'hallpass');
}

/** Files inside the data dir. */
export function dataFiles(dataDir: string) {
  return {
    db: join(dataDir, 'hallpass.db'),
    instance: join(dataDir, 'instance.json'),
    controlToken: join(dataDir, 'control.token'),
    socket: process.platform === 'win32' ? `\\\\.\\pipe\\hallpass-${Buffer.from(dataDir).toString('hex').slice(-16)}` : join(dataDir, 'hallpass.sock'),
  };
}

/** The contents of instance.json. */
export interface InstanceInfo {
  pid: number;
  port: number;
  socket: string;
  version: string;
}
