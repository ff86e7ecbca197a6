/**
 * Calls that export metrics (or start an APM agent that does): a Prometheus HTTP server or WSGI/ASGI
 * app, instrumentation that mounts /metrics, a push gateway, an OpenTelemetry meter provider or
 * Prometheus exporter, Datadog/New Relic/StatsD clients. Defining a Counter is not exporting it.
 */
import type { CallTarget } from '../../src/facts/code/index.js';

export const EXPORTER_CALLS: CallTarget[] = [
  ['prometheus_client', 'start_http_server'],
  ['prometheus_client', 'start_wsgi_server'],
  ['prometheus_client', 'make_wsgi_app'],
  ['prometheus_client', 'make_asgi_app'],
  ['prometheus_client', 'push_to_gateway'],
  ['prometheus_client.exposition', 'start_http_server'],
  ['prometheus_flask_exporter', 'PrometheusMetrics'],
  ['prometheus_flask_exporter', 'PrometheusMetrics.for_app_factory'],
  ['prometheus_flask_exporter.multiprocess', 'GunicornPrometheusMetrics'],
  ['prometheus_fastapi_instrumentator', 'Instrumentator().instrument().expose'],
  ['prometheus_fastapi_instrumentator', 'Instrumentator().expose'],
  ['starlette_exporter', 'PrometheusMiddleware'],
  ['opentelemetry.metrics', 'set_meter_provider'],
  ['opentelemetry.exporter.prometheus', 'PrometheusMetricReader'],
  ['ddtrace', 'patch_all'],
  ['ddtrace', 'patch'],
  ['datadog', 'initialize'],
  ['datadog', 'DogStatsd'],
  ['newrelic.agent', 'initialize'],
  ['statsd', 'StatsClient'],
  ['aioprometheus', 'Service'],
  ['prom-client', 'Pushgateway'],
  ['prom-client', 'default.Pushgateway'],
  ['express-prom-bundle', ''],
  ['@opentelemetry/exporter-prometheus', 'PrometheusExporter'],
  ['@opentelemetry/sdk-metrics', 'MeterProvider'],
  ['@opentelemetry/sdk-metrics', 'PeriodicExportingMetricReader'],
  ['dd-trace', 'init'],
  ['hot-shots', ''],
  ['hot-shots', 'StatsD'],
  ['node-statsd', ''],
];

/** Modules whose import means metrics are meant (decoy or unfinished when nothing exports them). */
export const METRICS_LIBRARIES = ['prometheus_client', 'prom-client', 'opentelemetry.metrics', '@opentelemetry/api', 'statsd', 'django_prometheus', 'aioprometheus'];

/** Modules whose plain import starts an agent that reports metrics (New Relic's Node agent). */
export const SIDE_EFFECT_AGENTS = ['newrelic', 'dd-trace/init', '@opentelemetry/auto-instrumentations-node/register'];

/** Fastify plugins that serve /metrics once registered. */
export const METRICS_PLUGINS = ['fastify-metrics', '@immobiliarelabs/fastify-metrics', 'fastify-prometheus'];

/** Launchers that wrap the server with an agent: `ddtrace-run gunicorn …`, `opentelemetry-instrument python app.py`. */
export const AGENT_LAUNCHERS = /^(ddtrace-run|opentelemetry-instrument|newrelic-admin|elastic-apm-run)$/;
