/**
 * The live half: the health endpoints the code registers (or the usual paths) must answer 200
 * within the budget on the running service. Requests go through the shared `probeHealth`.
 */
import type { Finding } from '../../src/engine/check-api.js';
import { probeHealth, resolveUrl } from '../../src/live/http-probe.js';

export async function liveHealthFindings(url: string, paths: string[], budgetMs: number, timeoutMs: number, signal: AbortSignal): Promise<{ findings: Finding[]; notes: string[] }> {
  const findings: Finding[] = [];
  const notes: string[] = [];
  for (const a of await probeHealth(url, paths.slice(0, 6), { timeoutMs, signal })) {
    const target = resolveUrl(url, a.path);
    notes.push(`live: GET ${target} → ${a.status ?? a.error} ${a.ms !== null ? `in ${a.ms} ms` : ''}`.trim());
    if (a.status !== 200) findings.push({ id: 'live-not-ok', message: `live: GET ${target} ${a.status === null ? `failed (${a.error})` : `answered ${a.status}, not 200`}`, hint: 'the endpoint must answer 200 when healthy (and 503 only when it is not)' });
    else if (a.ms !== null && a.ms > budgetMs) findings.push({ id: 'live-slow', message: `live: GET ${target} took ${a.ms} ms (budget ${budgetMs} ms)`, severity: 'medium', hint: 'keep health checks cheap: no heavy queries, short dependency time-outs' });
  }
  return { findings, notes };
}
