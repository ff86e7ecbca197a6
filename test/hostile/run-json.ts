/** Runs the built CLI on a hostile tree and returns its JSON report, failing loudly if there is none. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'mina.js');

export interface JsonRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  stderr: string;
  report: {
    inputs: { files: number; skipped: Array<{ path: string; reason: string }> };
    checks: Array<{ id: string; status: string; message?: string; findings?: Array<{ file?: string; line?: number; message: string }> }>;
    score: number | null;
  };
}

export function checkJson(target: string, extra: string[] = [], options: SpawnSyncOptions = {}): JsonRun {
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, 'check', target, '--format', 'json', '--offline', '--no-history', ...extra], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 180_000,
    maxBuffer: 256 * 1024 * 1024,
    ...options,
  });
  const ms = Date.now() - started;
  const stdout = String(r.stdout ?? '');
  const stderr = String(r.stderr ?? '');
  let report: JsonRun['report'];
  try {
    report = JSON.parse(stdout);
  } catch {
    throw new Error(`no JSON report (exit ${r.status}, signal ${r.signal}); stderr:\n${stderr.slice(0, 4000)}`);
  }
  return { code: r.status, signal: r.signal, ms, stderr, report };
}

export function skippedReason(run: JsonRun, file: string): string | undefined {
  return run.report.inputs.skipped.find((s) => s.path === file)?.reason;
}
