/**
 * security.transport: traffic is encrypted and authenticated end to end — HTTPS enforced (HSTS, a
 * redirect, TLS at the ingress), certificate verification never switched off, database
 * connections not forced to plaintext. With `--url`, the answer's security headers.
 */
import { defineCheck } from '../../src/engine/check-api.js';
import { codeIndexFact, isWebService } from '../../src/facts/code/index.js';
import { djangoSettingsFact } from '../../src/facts/django-settings.js';
import { deployEnvFact } from '../../src/facts/deploy-env.js';
import { nginxFilesFact } from '../../src/facts/nginx.js';
import { k8sFact } from '../../src/facts/k8s/index.js';
import { DEFAULT_TIMEOUT_MS } from '../../src/live/http-probe.js';
import { merge } from './evidence.js';
import { pythonTransport } from './python-transport.js';
import { nodeTransport } from './node-transport.js';
import { infraTransport } from './infra-transport.js';
import { liveHeaderFindings } from './live.js';

/** Share of the score each kind of problem costs (a kind counts once, however many sites). */
const PENALTY: Record<string, number> = {
  'tls-verify-disabled': 0.4,
  'https-not-enforced': 0.4,
  'https-disabled': 0.4,
  'hsts-disabled': 0.4,
  'db-tls-disabled': 0.3,
  'live-no-hsts': 0.3,
  'live-plain-http': 0.4,
  'live-no-nosniff': 0.1,
  'live-no-frame-protection': 0.1,
  'live-no-csp': 0.1,
};

export default defineCheck<{ liveTimeoutMs: number }>({
  meta: {
    id: 'security.transport',
    title: 'HTTPS enforced, TLS verified',
    category: 'security',
    severity: 'high',
    description: 'HTTPS is enforced (HSTS, redirect or ingress TLS), database connections are not plaintext, and TLS verification is never disabled.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { liveTimeoutMs: { type: 'integer', minimum: 100, maximum: 60000, default: DEFAULT_TIMEOUT_MS } },
    },
  },
  async applies({ repo, url }) {
    if (url) return true;
    const [index, k8s, django] = await Promise.all([repo.fact(codeIndexFact), repo.fact(k8sFact), repo.fact(djangoSettingsFact)]);
    const web = isWebService(index) || django.modules.length > 0 || k8s.objects.some((o) => o.kind === 'Ingress');
    return web || { applies: false, reason: 'no web service (no web framework in the code, no Ingress)' };
  },
  async run({ repo, url, signal, options }) {
    const [index, django, env, nginx, k8s] = await Promise.all([repo.fact(codeIndexFact), repo.fact(djangoSettingsFact), repo.fact(deployEnvFact), repo.fact(nginxFilesFact), repo.fact(k8sFact)]);
    const facts = merge(pythonTransport(index, django), nodeTransport(index), infraTransport(repo, nginx, k8s.objects, env));
    const findings = facts.findings;
    const notes = [...new Set(facts.https)].map((h) => `HTTPS enforced: ${h}`);
    if (facts.https.length === 0 && !findings.some((f) => f.id === 'https-disabled' || f.id === 'hsts-disabled')) {
      findings.push({ id: 'https-not-enforced', message: 'nothing enforces HTTPS: no HSTS, no HTTPS redirect, no TLS on an ingress or proxy', hint: 'add Flask-Talisman / helmet / SECURE_SSL_REDIRECT + SECURE_HSTS_SECONDS, or TLS and a redirect at the ingress/proxy' });
    }
    if (url) {
      const live = await liveHeaderFindings(url, signal, options.liveTimeoutMs);
      findings.push(...live.findings);
      notes.push(live.note);
    }
    const kinds = new Set(findings.map((f) => f.id));
    const score = Math.max(0, 1 - [...kinds].reduce((sum, k) => sum + (PENALTY[k] ?? 0.2), 0));
    return { score: Math.round(score * 100) / 100, findings, notes };
  },
});
