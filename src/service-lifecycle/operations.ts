/** smoke, load, backup, restore and logs: one-shot operations on the service `up` started. */
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SmokeStep } from './driver.js';
import { requireRunning, start, type Target } from './lifecycle.js';
import { startLoad, type LoadStats } from './load.js';
import { stopGracefully } from './processes.js';
import { writeRecord, type LoadRecord } from './records.js';
import { readState } from './state.js';

export async function smoke(target: Target): Promise<SmokeStep[]> {
  return target.driver.smoke(requireRunning(target));
}

export interface LoadFlags {
  durationS: number;
  connections: number;
  rate: number | null;
  maxRequests: number;
  url?: string;
}

export async function load(target: Target, flags: LoadFlags): Promise<{ record: LoadRecord; file: string }> {
  const startedAt = new Date().toISOString();
  let stats: LoadStats;
  let mode: LoadRecord['mode'];
  let url: string;
  if (flags.url) {
    url = flags.url;
    mode = 'external';
    const u = new URL(flags.url);
    stats = await startLoad({ ...flags, target: u.origin, plan: { requests: [{ method: 'GET', path: `${u.pathname}${u.search}` }] }, explicitHost: true }).done;
  } else {
    const state = requireRunning(target);
    url = state.url;
    mode = state.mode;
    stats = await startLoad({ ...flags, target: state.url, plan: target.driver.loadPlan(state), explicitHost: false }).done;
  }
  const record: LoadRecord = {
    schemaVersion: 1,
    kind: 'load',
    startedAt,
    finishedAt: new Date().toISOString(),
    target: url,
    mode,
    connections: flags.connections,
    durationS: stats.durationS,
    rate: flags.rate,
    requests: { total: stats.total, ok: stats.ok, non2xx: stats.non2xx, errors: stats.errors, timeouts: stats.timeouts, byStatus: stats.byStatus },
    throughputRps: stats.throughputRps,
    latencyMs: stats.latencyMs,
    errorRate: stats.errorRate,
  };
  return { record, file: await writeRecord(target.paths.loadsDir, record) };
}

export async function backup(target: Target): Promise<{ file: string; bytes: number | null }> {
  return target.driver.backup(requireRunning(target), target.paths);
}

export function latestBackup(target: Target): string | null {
  const dir = target.paths.backupDir;
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir).filter((f) => !f.endsWith('.partial') && statSync(path.join(dir, f)).isFile()).sort();
  return files.length ? path.join(dir, files[files.length - 1]) : null;
}

/** Stops the service, replaces its data with the backup, starts it again. */
export async function restore(target: Target, file: string | undefined): Promise<{ file: string; ms: number }> {
  const state = requireRunning(target);
  const chosen = file ? path.resolve(file) : latestBackup(target);
  if (!chosen) throw new Error(`no backup in ${target.paths.backupDir}: run \`mina service backup\` first`);
  const started = performance.now();
  await stopGracefully(state.pid, target.driver.stopGraceMs);
  await target.driver.wipe(state, target.paths);
  await target.driver.restore(state, target.paths, chosen);
  await start(target, state);
  return { file: chosen, ms: Math.round(performance.now() - started) };
}

/** The last `lines` lines of the service log. */
export function logs(target: Target, lines: number): string {
  const file = readState(target.paths)?.logFile ?? target.paths.logFile;
  if (!existsSync(file)) return '';
  // Read the tail only: a long-running service's log can be large.
  const size = statSync(file).size;
  const length = Math.min(size, 8 * 1024 * 1024);
  const buf = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  const text = buf.toString('utf8');
  return text.split('\n').filter(Boolean).slice(-lines).join('\n');
}
