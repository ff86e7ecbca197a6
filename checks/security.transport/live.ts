/**
 * The live half: security headers of the service's answer. HSTS is required on https; a plain-http
 * URL that is not loopback must redirect to https. `X-Content-Type-Options`, frame protection
 * (`X-Frame-Options` or CSP `frame-ancestors`) and a CSP are expected everywhere.
 */
import type { Finding } from '../../src/engine/check-api.js';
import { isLoopbackUrl, probeHeaders } from '../../src/live/http-probe.js';

export async function liveHeaderFindings(url: string, signal: AbortSignal, timeoutMs: number): Promise<{ findings: Finding[]; note: string }> {
  const h = await probeHeaders(url, { signal, timeoutMs });
  const findings: Finding[] = [];
  const add = (id: string, message: string, hint: string, severity?: 'medium' | 'low') => findings.push({ id, message: `live: ${message} (${url})`, hint, ...(severity ? { severity } : {}) });
  if (h.https && !h.hsts) add('live-no-hsts', 'no Strict-Transport-Security header on an https answer', 'send Strict-Transport-Security: max-age=31536000; includeSubDomains');
  if (!h.https && !isLoopbackUrl(url) && !(h.location ?? '').startsWith('https://')) add('live-plain-http', 'the service answers plain http without redirecting to https', 'redirect http to https at the proxy or with middleware');
  if (h.contentTypeOptions?.trim().toLowerCase() !== 'nosniff') add('live-no-nosniff', 'no X-Content-Type-Options: nosniff', 'send X-Content-Type-Options: nosniff (helmet / Flask-Talisman do)', 'low');
  if (!h.frameProtection) add('live-no-frame-protection', 'no X-Frame-Options or CSP frame-ancestors: pages can be framed (clickjacking)', 'send X-Frame-Options: DENY or CSP frame-ancestors', 'low');
  if (!h.csp) add('live-no-csp', 'no Content-Security-Policy', 'send a Content-Security-Policy', 'low');
  const note = `live: ${h.status}, HSTS ${h.hsts ? 'present' : 'absent'}, nosniff ${h.contentTypeOptions ? 'present' : 'absent'}, frame protection ${h.frameProtection ? 'present' : 'absent'}, CSP ${h.csp ? 'present' : 'absent'}`;
  return { findings, note };
}
