/**
 * monitoring.health-endpoints: the service registers a liveness and a readiness endpoint, and when
 * it is deployed to Kubernetes, its probes point at them. Routes are read from the code (Flask,
 * FastAPI, Django, Express, Fastify, Koa, Hono, NestJS, terminus, Next.js); a path in a comment,
 * a README or a client call is not an endpoint. With `--url`, the endpoints must answer 200 in time.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { codeIndexFact } from '../../src/facts/code/index.js';
import { httpRoutesFact, pathMatches, type HttpRoute } from '../../src/facts/http-routes/index.js';
import { k8sFact } from '../../src/facts/k8s/index.js';
import { DEFAULT_HEALTH_PATHS, DEFAULT_TIMEOUT_MS } from '../../src/live/http-probe.js';
import { healthKinds, routeHealthKinds, type HealthKind } from './health-routes.js';
import { liveHealthFindings } from './live.js';
import { appWorkloads, probesOf } from './probes.js';

interface Options {
  liveBudgetMs: number;
  liveTimeoutMs: number;
}

export default defineCheck<Options>({
  meta: {
    id: 'monitoring.health-endpoints',
    title: 'Liveness and readiness endpoints',
    category: 'monitoring',
    severity: 'high',
    description: 'Liveness and readiness endpoints exist (and Kubernetes probes point at them); live: they answer 200 within budget.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        liveBudgetMs: { type: 'integer', minimum: 1, maximum: 60000, default: 1000 },
        liveTimeoutMs: { type: 'integer', minimum: 100, maximum: 60000, default: DEFAULT_TIMEOUT_MS },
      },
    },
  },
  async applies({ repo, url }) {
    if (url) return true;
    const [routes, k8s] = await Promise.all([repo.fact(httpRoutesFact), repo.fact(k8sFact)]);
    return routes.service !== null || appWorkloads(k8s).some((w) => probesOf(w).some((p) => p.path)) || { applies: false, reason: 'no HTTP service found (no web framework, routes or probed workloads)' };
  },
  async run({ repo, url, options, signal }) {
    const [routes, k8s, index] = await Promise.all([repo.fact(httpRoutesFact), repo.fact(k8sFact), repo.fact(codeIndexFact)]);
    const notes: string[] = [];
    const found = new Map<HealthKind, HttpRoute | { file: string; line: number; path: string }>();
    for (const r of routes.routes) for (const k of routeHealthKinds(r)) if (!found.has(k)) found.set(k, r);
    const workloads = appWorkloads(k8s);
    const probes = workloads.flatMap(probesOf);
    // Code we cannot read (Go, Java …): the probes are the only word on what the service serves.
    if (index.files.length === 0) {
      for (const p of probes) for (const k of p.path ? healthKinds(p.path) : []) if (!found.has(k)) found.set(k, { file: p.file, line: p.line, path: p.path! });
      if (found.size) notes.push('no readable application code: health endpoints taken from the Kubernetes probes');
    }
    for (const [k, r] of found) notes.push(`${k}: ${r.path} at ${r.file}:${r.line}`);
    const findings: Finding[] = [];
    const live = found.get('liveness');
    const ready = found.get('readiness');
    if (!live && !ready) findings.push({ id: 'no-health-endpoints', message: 'no liveness or readiness endpoint is registered', hint: 'add GET /healthz (the process answers) and GET /readyz (dependencies answer: database, cache), both cheap and unauthenticated' });
    else if (!live) findings.push({ id: 'no-liveness', message: `only a readiness endpoint (${ready!.path}); nothing tells a wedged process from a busy one`, file: ready!.file, line: ready!.line, hint: 'add GET /healthz that answers 200 as long as the process can serve, without checking dependencies' });
    else if (!ready) findings.push({ id: 'no-readiness', message: `only a liveness endpoint (${live.path}); traffic is sent even when the database is down`, file: live.file, line: live.line, hint: 'add GET /readyz that checks the database (and cache) and answers 503 while they are unavailable or the process is draining' });
    let score = (live ? 0.5 : 0) + (ready ? 0.5 : 0);
    if (workloads.length && (live || ready)) {
      score *= 0.8;
      const healthPaths = [...found.values()].map((r) => r.path);
      const pointing = probes.filter((p) => p.path && p.kind !== 'startupProbe' && healthPaths.some((h) => pathMatches(p.path!, h)));
      if (pointing.length) score += 0.2;
      else {
        const w = workloads[0];
        findings.push({ id: 'probes-not-pointing', message: `${w.kind} ${w.object.name ?? ''} has no liveness/readiness probe calling the health endpoints (${healthPaths.join(', ')})`, file: w.object.file, line: w.object.line, hint: 'set livenessProbe.httpGet.path to the liveness endpoint and readinessProbe.httpGet.path to the readiness endpoint' });
      }
      if (routes.routes.length) {
        for (const p of probes) {
          if (p.path && !routes.routes.some((r) => pathMatches(p.path!, r.path))) {
            findings.push({ id: 'probe-path-unknown', message: `${p.kind} of ${p.workload.object.name ?? p.workload.kind}/${p.container} calls ${p.path}, which the code does not register`, file: p.file, line: p.line, hint: 'point the probe at a route the service serves, or the pod will be restarted or never become ready' });
            score = Math.max(0, score - 0.1);
          }
        }
      }
    }
    if (url) {
      const paths = [...new Set([...found.values()].map((r) => r.path))];
      const res = await liveHealthFindings(url, paths.length ? paths : DEFAULT_HEALTH_PATHS, options.liveBudgetMs, options.liveTimeoutMs, signal);
      notes.push(...res.notes);
      if (res.findings.length) score *= 0.5;
      findings.push(...res.findings);
    }
    return { score: findings.length ? Math.min(score, 0.95) : score, findings, notes };
  },
});
