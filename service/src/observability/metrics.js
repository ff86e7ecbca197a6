/**
 * Prometheus metrics: process defaults plus the RED signals (rate, errors, duration) per route,
 * which the alert rules in monitoring/alerts.yaml and the SLO dashboards are written against.
 */
import client from 'prom-client';

export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const httpDuration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route, method and status class',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5],
    registers: [registry],
  });
  const notesCreated = new client.Counter({ name: 'notes_created_total', help: 'Notes created', registers: [registry] });
  const socketClients = new client.Gauge({ name: 'realtime_connected_clients', help: 'Socket.IO clients connected to this worker', registers: [registry] });
  const errors = new client.Counter({ name: 'app_errors_total', help: 'Unhandled errors reported to error tracking', labelNames: ['kind'], registers: [registry] });
  const retentionDeleted = new client.Counter({ name: 'retention_deleted_rows_total', help: 'Rows removed by the retention job', labelNames: ['table'], registers: [registry] });
  return { registry, httpDuration, notesCreated, socketClients, errors, retentionDeleted };
}
