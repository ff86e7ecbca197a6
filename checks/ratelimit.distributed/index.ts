/**
 * ratelimit.distributed: requests are rate limited, and the counters are shared when more than one
 * process serves traffic — an in-memory limiter behind N workers lets N times the limit through and
 * forgets everything on restart. With `--url`, a bounded burst must meet a 429.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { codeIndexFact, isWebService } from '../../src/facts/code/index.js';
import { djangoSettingsFact } from '../../src/facts/django-settings.js';
import { deployEnvFact } from '../../src/facts/deploy-env.js';
import { nginxFilesFact } from '../../src/facts/nginx.js';
import { k8sFact } from '../../src/facts/k8s/index.js';
import { servingFact } from '../../src/facts/serving.js';
import { DEFAULT_TIMEOUT_MS } from '../../src/live/http-probe.js';
import { pythonLimiters } from './python-limiters.js';
import { nodeLimiters } from './node-limiters.js';
import { gatewayLimiters } from './gateway.js';
import { liveBurst, type BurstOptions } from './live.js';
import type { Limiter } from './store.js';

export default defineCheck<BurstOptions>({
  meta: {
    id: 'ratelimit.distributed',
    title: 'Rate limiting with a shared store',
    category: 'security',
    severity: 'high',
    description: 'A rate limiter is applied and, when more than one worker or replica serves traffic, its store is shared (Redis/Memcached or the edge).',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        burstCount: { type: 'integer', minimum: 1, maximum: 10000, default: 120 },
        burstSeconds: { type: 'number', exclusiveMinimum: 0, maximum: 120, default: 10 },
        burstPath: { type: 'string', default: '/' },
        burstHosts: { type: 'array', items: { type: 'string' }, default: [] },
        liveTimeoutMs: { type: 'integer', minimum: 100, maximum: 60000, default: DEFAULT_TIMEOUT_MS },
      },
    },
  },
  async applies({ repo, url }) {
    if (url) return true;
    const [index, django] = await Promise.all([repo.fact(codeIndexFact), repo.fact(djangoSettingsFact)]);
    return isWebService(index) || django.modules.length > 0 || { applies: false, reason: 'no web service (no web framework in the code)' };
  },
  async run({ repo, url, options, signal }) {
    const [index, django, env, nginx, k8s, serving] = await Promise.all([
      repo.fact(codeIndexFact),
      repo.fact(djangoSettingsFact),
      repo.fact(deployEnvFact),
      repo.fact(nginxFilesFact),
      repo.fact(k8sFact),
      repo.fact(servingFact),
    ]);
    const limiters = dedupe([...pythonLimiters(index, django, env), ...nodeLimiters(index), ...gatewayLimiters(nginx, k8s.objects)]);
    const findings: Finding[] = [];
    const notes: string[] = [];
    let score: number;
    if (limiters.length === 0) {
      score = 0;
      findings.push({ id: 'no-rate-limiter', message: 'no rate limiter found (application, proxy or ingress)', hint: 'add Flask-Limiter / express-rate-limit / @fastify/rate-limit with a Redis store, or limit_req at the proxy' });
    } else {
      const multi = serving.multiProcess;
      const replicated = serving.replicas.find((r) => r.count > 1);
      const perProcess = limiters.filter((l) => (l.store === 'memory' && multi) || (l.store === 'host' && replicated));
      for (const l of perProcess) {
        const why = l.store === 'host' ? `${replicated!.count} replicas (${replicated!.file}:${replicated!.line})` : `${multi!.reason} (${multi!.file}:${multi!.line})`;
        findings.push({ id: 'per-process-store', file: l.file, line: l.line, message: `${l.library} counts per process (${l.detail}) while ${why}: each process allows the full limit`, hint: 'give the limiter a shared store: storage_uri="redis://…", store: new RedisStore(…), redis: client' });
      }
      score = perProcess.length ? 0.5 : 1;
      notes.push(...limiters.map((l) => `${l.library} at ${l.file}:${l.line}: ${l.detail}`));
      if (!multi && limiters.some((l) => l.store !== 'shared')) notes.push('a single process serves traffic, so per-process counters are exact');
    }
    if (url) {
      const live = await liveBurst(url, options, signal);
      notes.push(live.note);
      if (live.finding) {
        findings.push(live.finding);
        score = Math.min(score, 0.5);
      }
    }
    return { score, findings, notes };
  },
});

function dedupe(limiters: Limiter[]): Limiter[] {
  const seen = new Set<string>();
  return limiters.filter((l) => !seen.has(`${l.file}:${l.line}`) && seen.add(`${l.file}:${l.line}`));
}
