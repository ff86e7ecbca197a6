/**
 * The live half: the health endpoints the code registers (or the usual paths) must answer 200
 * within the budget on the running service.
 */
import type { Finding } from '../../src/engine/check-api.js';
import { request, resolveUrl } from '../../src/live/http-probe.js';

export async function liveHealthFindings(url: string, paths: string[], budgetMs: number, timeoutMs: number, signal: AbortSignal): Promise<{ findings: Finding[]; notes: string[] }> {
  const findings: Finding[] = [];
  const notes: string[] = [];
  for (const p of paths.slice(0, 6)) {
    const target = resolveUrl(url, p);
    const res = await request(target, {}, { timeoutMs, signal });
    const ms = Math.round(res.ms);
    notes.push(`live: GET ${target} → ${res.status} in ${ms} ms`);
    if (res.status !== 200) findings.push({ id: 'live-not-ok', message: `live: GET ${target} answered ${res.status}, not 200`, hint: 'the endpoint must answer 200 when healthy (and 503 only when it is not)' });
    else if (ms > budgetMs) findings.push({ id: 'live-slow', message: `live: GET ${target} took ${ms} ms (budget ${budgetMs} ms)`, severity: 'medium', hint: 'keep health checks cheap: no heavy queries, short dependency time-outs' });
  }
  return { findings, notes };
}
