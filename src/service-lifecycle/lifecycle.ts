/**
 * up / down / status: start the service's processes in the background, wait until it is ready,
 * remember what was started, and stop it gracefully. Shared by the drill, which restarts the
 * service from the same state after a crash.
 */
import { createServer } from 'node:net';
import { findConfig } from '../config/mina-config.js';
import { customDriver } from './custom-driver.js';
import type { ServiceDriver, UpOptions } from './driver.js';
import { isAlive, startDetached, stopGracefully, waitReady } from './processes.js';
import { referenceDriver } from './reference-driver.js';
import { parseServiceConfig } from './service-config.js';
import { clearState, pathsFor, readState, writeState, type Paths, type ServiceState } from './state.js';

export interface Target {
  driver: ServiceDriver;
  paths: Paths;
}

/** The user's service when mina.yaml describes one (and --reference was not given), else the bundled one. */
export function resolveTarget(project: string, opts: { reference?: boolean } = {}): Target {
  const paths = pathsFor(project);
  if (!opts.reference) {
    const loaded = findConfig(paths.project);
    if (loaded.config.service !== undefined) return { driver: customDriver(parseServiceConfig(loaded.config.service, loaded.file), loaded.dir), paths };
  }
  return { driver: referenceDriver, paths };
}

/** The running service's state, or an error telling how to start it. */
export function requireRunning(target: Target): ServiceState {
  const state = readState(target.paths);
  if (!state || !isAlive(state.pid)) throw new Error('the service is not running: start it with `mina service up`');
  return state;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function up(target: Target, options: UpOptions): Promise<ServiceState & { readyMs: number }> {
  const existing = readState(target.paths);
  if (existing && isAlive(existing.pid)) throw new Error(`already running (pid ${existing.pid}) at ${existing.url}: \`mina service down\` first`);
  const port = options.port === 0 ? await freePort() : options.port;
  const prepared = target.driver.prepare(target.paths, { ...options, port });
  const state: ServiceState = {
    version: 1,
    service: target.driver.service,
    mode: prepared.mode,
    pid: 0,
    url: prepared.url,
    readyUrl: prepared.readyUrl,
    workers: prepared.workers,
    startedAt: new Date().toISOString(),
    logFile: target.paths.logFile,
    env: prepared.env,
  };
  const readyMs = await start(target, state, prepared.readyTimeoutMs);
  return { ...state, readyMs };
}

/** Starts the processes described by `state`, records the new pid, waits for readiness. */
export async function start(target: Target, state: ServiceState, readyTimeoutMs = 60_000): Promise<number> {
  state.pid = startDetached(target.driver.startSpec(target.paths, state));
  state.startedAt = new Date().toISOString();
  writeState(target.paths, state);
  try {
    return await waitReady({ url: state.readyUrl, timeoutMs: readyTimeoutMs, pid: state.pid });
  } catch (err) {
    await stopGracefully(state.pid, 2000);
    throw new Error(`${(err as Error).message}; see \`mina service logs\` (${state.logFile})`);
  }
}

export async function down(target: Target): Promise<{ wasRunning: boolean; graceful: boolean }> {
  const state = readState(target.paths);
  if (!state) return { wasRunning: false, graceful: true };
  const wasRunning = isAlive(state.pid);
  const graceful = await stopGracefully(state.pid, target.driver.stopGraceMs);
  clearState(target.paths);
  return { wasRunning, graceful };
}

export interface Status {
  running: boolean;
  ready: boolean;
  state: ServiceState | null;
  uptimeS: number | null;
}

export async function status(target: Target): Promise<Status> {
  const state = readState(target.paths);
  if (!state) return { running: false, ready: false, state: null, uptimeS: null };
  const running = isAlive(state.pid);
  let ready = false;
  if (running) {
    try {
      const res = await fetch(state.readyUrl, { signal: AbortSignal.timeout(3000) });
      await res.arrayBuffer();
      ready = res.ok;
    } catch {
      ready = false;
    }
  }
  return { running, ready, state, uptimeS: running ? Math.round((Date.now() - Date.parse(state.startedAt)) / 1000) : null };
}
