/** Plain-text renderings of lifecycle results (JSON output prints the objects themselves). */
import type { SmokeStep } from './driver.js';
import type { Status } from './lifecycle.js';
import type { DrillRecord, LoadRecord } from './records.js';

export function formatStatus(s: Status): string {
  if (!s.state) return 'not running (never started here, or stopped)';
  if (!s.running) return `not running (last started ${s.state.startedAt}, pid ${s.state.pid} is gone)`;
  return `${s.ready ? 'ready' : 'running, NOT ready'} · ${s.state.url} · ${s.state.mode} · ${s.state.workers} worker${s.state.workers > 1 ? 's' : ''} · pid ${s.state.pid} · up ${s.uptimeS} s`;
}

export function formatSmoke(steps: SmokeStep[]): string {
  const lines = steps.map((s) => `${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.ms} ms)${s.detail ? ` — ${s.detail}` : ''}`);
  const failed = steps.filter((s) => !s.ok).length;
  return [...lines, failed ? `${failed} of ${steps.length} steps failed` : `all ${steps.length} steps passed`].join('\n');
}

export function formatLoad(r: LoadRecord): string {
  const l = r.latencyMs;
  return [
    `${r.requests.total} requests in ${r.durationS.toFixed(1)} s over ${r.connections} connections → ${r.throughputRps} req/s`,
    `latency p50 ${l.p50} ms · p95 ${l.p95} ms · p99 ${l.p99} ms · max ${l.max} ms`,
    `errors ${(r.errorRate * 100).toFixed(2)} % (non-2xx ${r.requests.non2xx}, connection errors ${r.requests.errors}, timeouts ${r.requests.timeouts})`,
  ].join('\n');
}

export function formatDrill(r: DrillRecord): string {
  const phases = Object.entries(r.phasesMs).map(([k, v]) => `${k} ${v} ms`).join(' · ');
  return [
    `${r.verified ? 'drill PASSED' : 'drill FAILED'} (${r.service}, ${r.mode})${r.error ? `: ${r.error}` : ''}`,
    `RTO ${r.rtoMs} ms (kill -9 → ready) · rows committed before backup ${r.rowsCommitted} · restored ${r.rowsRestored} · lost ${r.rowsLost}`,
    `checksums ${r.checksumsMatch === null ? 'not compared' : r.checksumsMatch ? 'match' : 'DIFFER'} · answers correctly again: ${r.answersCorrectly ? 'yes' : 'no'} · background load ${r.backgroundLoad.requests} requests`,
    phases,
  ].join('\n');
}
