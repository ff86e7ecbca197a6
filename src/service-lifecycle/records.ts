/**
 * The results of `mina service load` and `mina service drill`, one JSON file per run under
 * `<project>/.mina/loads/` and `<project>/.mina/drills/` (named by start time, so the newest sorts
 * last). The `slo.latency`, `slo.recovery` and `backups.restore-tested` checks read the latest one.
 * Shapes are documented in docs/service.md; bump `schemaVersion` on an incompatible change.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { atomicWrite } from '../io/atomic-write.js';
import type { ServiceMode } from './state.js';

export interface LatencyMs {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadRecord {
  schemaVersion: 1;
  kind: 'load';
  startedAt: string;
  finishedAt: string;
  target: string;
  mode: ServiceMode | 'external';
  connections: number;
  durationS: number;
  /** Requested overall rate (requests/s), or null for as fast as the service answers. */
  rate: number | null;
  requests: { total: number; ok: number; non2xx: number; errors: number; timeouts: number; byStatus: Record<string, number> };
  throughputRps: number;
  latencyMs: LatencyMs;
  /** (non-2xx + errors + timeouts) / total, in [0, 1]. */
  errorRate: number;
}

export interface DrillRecord {
  schemaVersion: 1;
  kind: 'drill';
  startedAt: string;
  finishedAt: string;
  service: 'reference' | 'custom';
  mode: ServiceMode;
  seededRows: number;
  /** Rows committed before the backup began: what must survive (RPO 0). */
  rowsCommitted: number;
  /** Of those, rows present and identical after the restore. */
  rowsRestored: number;
  rowsLost: number;
  checksumCommitted: string | null;
  checksumRestored: string | null;
  /** Null when the service reports counts without checksums. */
  checksumsMatch: boolean | null;
  /** From the SIGKILL to the restored service answering ready. */
  rtoMs: number;
  phasesMs: Record<string, number>;
  backup: { file: string; bytes: number | null };
  backgroundLoad: { requests: number; errors: number };
  /** The restarted service passed the smoke test. */
  answersCorrectly: boolean;
  /** No committed row lost, checksums not different, and the service answers correctly. */
  verified: boolean;
  error?: string;
}

function stamp(iso: string): string {
  return iso.replace(/[:.]/g, '-');
}

export async function writeRecord(dir: string, record: LoadRecord | DrillRecord): Promise<string> {
  const file = path.join(dir, `${stamp(record.startedAt)}.json`);
  await atomicWrite(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

/** The newest record of a kind under `<project>/.mina/<kind>s/`, or null. Malformed files are skipped. */
export function latestRecord<K extends 'load' | 'drill'>(project: string, kind: K): (K extends 'load' ? LoadRecord : DrillRecord) | null {
  const dir = path.join(project, '.mina', `${kind}s`);
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().reverse();
  for (const f of files) {
    try {
      const rec = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { kind?: string; schemaVersion?: number };
      if (rec.kind === kind && rec.schemaVersion === 1) return rec as K extends 'load' ? LoadRecord : DrillRecord;
    } catch {
      // a torn or hand-edited file: look at the previous one
    }
  }
  return null;
}
