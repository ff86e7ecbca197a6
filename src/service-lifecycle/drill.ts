/**
 * The disaster-recovery drill: seed → load in the background → fingerprint what is committed →
 * backup → SIGKILL every process → wipe the data → restore → start → verify. RTO is measured from
 * the kill to the restored service answering ready; RPO is the committed rows that did not come
 * back. The record is written even when a step fails, so a broken restore shows up as a failed
 * drill rather than as no drill at all.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Fingerprint } from './driver.js';
import { requireRunning, start, type Target } from './lifecycle.js';
import { startLoad, type LoadStats, type RunningLoad } from './load.js';
import { killHard } from './processes.js';
import { writeRecord, type DrillRecord } from './records.js';

export interface DrillOptions {
  rows: number;
  loadSeconds: number;
  connections: number;
}

export async function drill(target: Target, opts: DrillOptions, progress: (msg: string) => void = () => {}): Promise<{ record: DrillRecord; file: string }> {
  const { driver, paths } = target;
  const state = requireRunning(target);
  const startedAt = new Date().toISOString();
  const phasesMs: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    progress(name);
    const t = performance.now();
    try {
      return await fn();
    } finally {
      phasesMs[name] = Math.round(performance.now() - t);
    }
  };
  const record: DrillRecord = {
    schemaVersion: 1, kind: 'drill', startedAt, finishedAt: startedAt, service: driver.service, mode: state.mode,
    seededRows: 0, rowsCommitted: 0, rowsRestored: 0, rowsLost: 0, checksumCommitted: null, checksumRestored: null, checksumsMatch: null,
    rtoMs: 0, phasesMs, backup: { file: '', bytes: null }, backgroundLoad: { requests: 0, errors: 0 }, answersCorrectly: false, verified: false,
  };
  let load: RunningLoad | null = null;
  try {
    record.seededRows = await timed('seed', () => driver.seed(state, opts.rows));
    load = startLoad({ target: state.url, plan: driver.loadPlan(state), connections: opts.connections, durationS: opts.loadSeconds, rate: null, maxRequests: 1_000_000, explicitHost: false });
    // Let the load reach steady state so the backup really runs under traffic.
    await sleep(Math.min(1000, (opts.loadSeconds * 1000) / 3));
    const committed: Fingerprint = await timed('fingerprint', () => driver.fingerprint(state));
    record.rowsCommitted = committed.rows;
    record.checksumCommitted = committed.checksum;
    record.backup = await timed('backup', () => driver.backup(state, paths));

    progress('kill -9');
    const atKill = load.counts();
    record.backgroundLoad = { requests: atKill.responses, errors: atKill.responses - atKill.ok };
    const killedAt = performance.now();
    await killHard(state.pid);
    // Requests failing after the kill are the point of the drill, not load errors.
    await stopLoad(load);
    load = null;
    await timed('wipe', () => driver.wipe(state, paths));
    await timed('restore', () => driver.restore(state, paths, record.backup.file));
    await timed('start', () => start(target, state));
    record.rtoMs = Math.round(performance.now() - killedAt);

    const restored = await timed('verify', () => driver.fingerprint(state, committed.maxId));
    record.checksumRestored = restored.checksum;
    // Null when the service gives counts only (a user's verify command without a checksum).
    record.checksumsMatch = committed.checksum === null || restored.checksum === null ? null : committed.checksum === restored.checksum;
    record.rowsRestored = Math.min(restored.rows, committed.rows);
    record.rowsLost = committed.rows - record.rowsRestored;
    const smoke = await timed('smoke', () => driver.smoke(state));
    record.answersCorrectly = smoke.every((s) => s.ok);
    if (!record.answersCorrectly) record.error = `smoke failed: ${smoke.filter((s) => !s.ok).map((s) => `${s.name}: ${s.detail}`).join('; ')}`;
    record.verified = record.rowsLost === 0 && record.checksumsMatch !== false && record.answersCorrectly;
  } catch (err) {
    record.error = (err as Error).message;
    record.verified = false;
  } finally {
    if (load) await stopLoad(load).catch(() => undefined);
  }
  record.finishedAt = new Date().toISOString();
  const file = await writeRecord(paths.drillsDir, record);
  return { record, file };
}

async function stopLoad(load: RunningLoad): Promise<LoadStats> {
  load.stop();
  return load.done;
}
