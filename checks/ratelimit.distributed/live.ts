/**
 * The live half: a bounded burst of GETs that must meet a 429. Bursts go only to loopback hosts or
 * hosts the rubric allows by name, so `--url` pointed at someone else's production never turns
 * into a load test.
 */
import type { Finding } from '../../src/engine/check-api.js';
import { isLoopbackUrl, probeBurst, resolveUrl } from '../../src/live/http-probe.js';

export interface BurstOptions {
  burstCount: number;
  burstSeconds: number;
  burstPath: string;
  burstHosts: string[];
  liveTimeoutMs: number;
}

export async function liveBurst(url: string, o: BurstOptions, signal: AbortSignal): Promise<{ finding: Finding | null; note: string }> {
  const target = resolveUrl(url, o.burstPath);
  const host = new URL(target).hostname.toLowerCase();
  if (!isLoopbackUrl(target) && !o.burstHosts.map((h) => h.toLowerCase()).includes(host)) {
    return { finding: null, note: `live: burst skipped, ${host} is not loopback and not in burstHosts` };
  }
  const r = await probeBurst(target, { count: o.burstCount, seconds: o.burstSeconds, signal, timeoutMs: o.liveTimeoutMs });
  const statuses = Object.entries(r.statuses).map(([s, n]) => `${n}×${s}`).join(', ');
  if (r.first429 !== null) return { finding: null, note: `live: 429 after ${r.first429} requests to ${target} (${statuses})` };
  return {
    finding: {
      id: 'live-no-429',
      message: `live: ${r.sent} requests in ${(r.elapsedMs / 1000).toFixed(1)} s to ${target} never got a 429 (${statuses || 'no answers'})`,
      hint: 'apply a limiter to this route (or lower its limit) and make sure the proxy passes 429 through',
    },
    note: `live: burst of ${r.sent} requests, no 429`,
  };
}
