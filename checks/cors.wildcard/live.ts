/**
 * The live half: a preflight and a simple request from https://evil.example. An answer of `*` or
 * the evil origin echoed back means any site can read the service's responses.
 */
import type { Finding } from '../../src/engine/check-api.js';
import { corsVerdict, EVIL_ORIGIN, probeCors, type CorsAnswer } from '../../src/live/http-probe.js';

export async function liveCorsFindings(url: string, signal: AbortSignal, timeoutMs: number): Promise<{ findings: Finding[]; note: string }> {
  const probe = await probeCors(url, { signal, timeoutMs });
  const findings: Finding[] = [];
  const judge = (a: CorsAnswer, kind: string) => {
    const v = corsVerdict(a);
    if (v === 'restricted') return;
    const creds = a.allowCredentials ? ' with Access-Control-Allow-Credentials: true' : '';
    findings.push({
      id: v === 'wildcard' ? 'live-wildcard' : 'live-reflected-origin',
      message: `live: ${kind} from ${EVIL_ORIGIN} to ${url} was answered Access-Control-Allow-Origin: ${a.allowOrigin}${creds}`,
      hint: 'restrict the service to an explicit allow-list of origins',
    });
  };
  judge(probe.preflight, 'a preflight (OPTIONS)');
  judge(probe.simple, 'a GET');
  // One finding per kind is enough: the preflight and the GET usually agree.
  const unique = findings.filter((f, i) => findings.findIndex((g) => g.id === f.id) === i);
  const note = `live: preflight ${probe.preflight.status} (${probe.preflight.allowOrigin ?? 'no Access-Control-Allow-Origin'}), GET ${probe.simple.status} (${probe.simple.allowOrigin ?? 'no Access-Control-Allow-Origin'})`;
  return { findings: unique, note };
}
