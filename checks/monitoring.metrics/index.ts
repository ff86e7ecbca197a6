/**
 * monitoring.metrics: the service exports metrics — a `/metrics` route, a Prometheus server or push,
 * an OpenTelemetry meter provider, or an APM agent (Datadog, New Relic) started. A metrics library
 * whose numbers nobody can scrape is the usual half-done state, and scores as such.
 */
import { servicePresenceFact } from '../../src/facts/service-presence.js';
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { codeIndexFact, findCalls, findKinds, lineOf, originOf, type CodeIndex } from '../../src/facts/code/index.js';
import { httpRoutesFact, normalisePath } from '../../src/facts/http-routes/index.js';
import { servingFact } from '../../src/facts/serving.js';
import { AGENT_LAUNCHERS, EXPORTER_CALLS, METRICS_LIBRARIES, METRICS_PLUGINS, SIDE_EFFECT_AGENTS } from './exporters.js';

export default defineCheck({
  meta: {
    id: 'monitoring.metrics',
    title: 'Metrics are exported',
    category: 'monitoring',
    severity: 'medium',
    description: 'Metrics/APM are exported: a Prometheus /metrics endpoint or exporter, OpenTelemetry metrics, Datadog, New Relic or StatsD.',
  },
  async applies({ repo }) {
    const [index, service] = await Promise.all([repo.fact(codeIndexFact), repo.fact(servicePresenceFact)]);
    if (!index.files.length) return { applies: false, reason: 'no Python/JavaScript/TypeScript sources to read' };
    return service !== null || { applies: false, reason: 'not a service: no web framework, start command or Kubernetes workload' };
  },
  async run({ repo }) {
    const [index, routes, serving] = await Promise.all([repo.fact(codeIndexFact), repo.fact(httpRoutesFact), repo.fact(servingFact)]);
    const route = routes.routes.find((r) => /^\/(metrics|prometheus)$/.test(lastSegment(r.path)) || r.includes === 'django_prometheus.urls');
    if (route) return pass(`metrics endpoint ${route.path || route.includes} at ${route.file}:${route.line}`);
    const exporter = exporterCall(index);
    if (exporter) return pass(`${exporter.what} at ${exporter.file}:${exporter.line}`);
    for (const f of index.files) {
      const b = f.lang === 'python' ? undefined : f.imports.find((x) => SIDE_EFFECT_AGENTS.includes(x.module));
      if (b) return pass(`${b.module} agent loaded at ${f.path}:${b.line}`);
    }
    const launcher = serving.commands.find((c) => c.argv.some((w) => AGENT_LAUNCHERS.test(w) || SIDE_EFFECT_AGENTS.includes(w)));
    if (launcher) return pass(`${launcher.argv.find((w) => AGENT_LAUNCHERS.test(w) || SIDE_EFFECT_AGENTS.includes(w))} wraps the server at ${launcher.file}:${launcher.line}`);
    for (const f of index.files) {
      const b = f.imports.find((x) => METRICS_LIBRARIES.some((m) => x.module === m || x.module.startsWith(`${m}.`)));
      if (b) {
        const finding: Finding = { id: 'library-no-exporter', message: `${b.module} is used but nothing exports its metrics (no /metrics route, exporter or push)`, file: f.path, line: b.line, hint: 'serve the registry on GET /metrics (prometheus_client.make_wsgi_app / generate_latest, prom-client register.metrics()) or start an exporter' };
        return { score: 0.3, findings: [finding] };
      }
    }
    return { score: 0, findings: [{ id: 'no-metrics', message: 'no metrics are exported (Prometheus, OpenTelemetry, Datadog, New Relic, StatsD)', hint: 'expose GET /metrics with the Prometheus client (request rate, errors, latency per route), or start an APM agent' }] };
  },
});

function pass(note: string) {
  return { score: 1, findings: [], notes: [note] };
}

function lastSegment(path: string): string {
  const p = normalisePath(path);
  return p.slice(p.lastIndexOf('/'));
}

function exporterCall(index: CodeIndex): { what: string; file: string; line: number } | null {
  const modules = new Set(EXPORTER_CALLS.map(([m]) => m.split('.')[0]));
  for (const f of index.files) {
    if (!f.imports.some((b) => modules.has(b.module.split(f.lang === 'python' ? '.' : '/')[0]) || modules.has(b.module) || METRICS_PLUGINS.includes(b.module))) continue;
    const call = findCalls(index, f, EXPORTER_CALLS)[0];
    if (call) return { what: `${call.origin.module} ${call.origin.path.filter((p) => p !== '()').join('.')}`.trim(), file: f.path, line: call.line };
    // app.register(fastifyMetrics, { endpoint: '/metrics' })
    for (const c of findKinds(f, ['call_expression'])) {
      const fn = c.field('function');
      if (fn?.kind() !== 'member_expression' || fn.field('property')?.text() !== 'register') continue;
      const arg = c.field('arguments')?.namedChildren()[0];
      const origin = arg ? originOf(index, f, arg) : null;
      if (origin && METRICS_PLUGINS.includes(origin.module)) return { what: `${origin.module} plugin`, file: f.path, line: lineOf(c) };
    }
  }
  return null;
}
