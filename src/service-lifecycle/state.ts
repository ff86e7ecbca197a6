/**
 * What `mina service up` started, kept in `<project>/.mina/service/state.json` so that later
 * commands (status, load, drill, down...) find it. The file holds the generated admin and auth
 * secrets and possibly a database URL: it is written 0600 and never printed whole.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type ServiceMode = 'embedded' | 'server' | 'custom';

export interface ServiceState {
  version: 1;
  service: 'reference' | 'custom';
  mode: ServiceMode;
  pid: number;
  url: string;
  readyUrl: string;
  workers: number;
  startedAt: string;
  logFile: string;
  /** Environment the service was started with (secrets included); reused to restart it. */
  env: Record<string, string>;
}

export interface Paths {
  project: string;
  dir: string;
  stateFile: string;
  logFile: string;
  dataDir: string;
  backupDir: string;
  drillsDir: string;
  loadsDir: string;
}

export function pathsFor(project: string): Paths {
  const root = path.resolve(project);
  const dir = path.join(root, '.mina', 'service');
  return {
    project: root,
    dir,
    stateFile: path.join(dir, 'state.json'),
    logFile: path.join(dir, 'logs', 'service.log'),
    dataDir: path.join(dir, 'data', 'pglite'),
    backupDir: path.join(dir, 'backups'),
    drillsDir: path.join(root, '.mina', 'drills'),
    loadsDir: path.join(root, '.mina', 'loads'),
  };
}

export function readState(paths: Paths): ServiceState | null {
  if (!existsSync(paths.stateFile)) return null;
  try {
    const state = JSON.parse(readFileSync(paths.stateFile, 'utf8')) as ServiceState;
    return state.version === 1 && typeof state.pid === 'number' ? state : null;
  } catch {
    return null;
  }
}

export function writeState(paths: Paths, state: ServiceState): void {
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  writeFileSync(paths.stateFile, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  chmodSync(paths.stateFile, 0o600);
}

export function clearState(paths: Paths): void {
  rmSync(paths.stateFile, { force: true });
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for anything printed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '***';
  }
}
