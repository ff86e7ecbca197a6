/**
 * Which registered routes are health endpoints, and of which kind. Liveness answers "is the
 * process alive" (`/healthz`, `/livez`, `/health`, `/ping`); readiness answers "can it serve"
 * (`/readyz`, `/ready`, `/health/ready`). django-health-check's URLs check dependencies: both.
 */
import type { HttpRoute } from '../../src/facts/http-routes/index.js';
import { normalisePath } from '../../src/facts/http-routes/index.js';

export type HealthKind = 'liveness' | 'readiness';

const LIVE = /^(healthz?|livez?|liveness|alive|ping|_health|_healthz|health-?check|healthcheck|heartbeat|lbheartbeat|__heartbeat__|status|_status)$/i;
const READY = /^(readyz?|readiness|_ready|ready-?check|__lbheartbeat__)$/i;

export function healthKinds(path: string): HealthKind[] {
  const segs = normalisePath(path).split('/').filter(Boolean);
  const last = segs[segs.length - 1] ?? '';
  const parent = segs[segs.length - 2] ?? '';
  if (/^health/i.test(parent) && /^(live|liveness|alive)$/i.test(last)) return ['liveness'];
  if (/^health/i.test(parent) && /^(ready|readiness)$/i.test(last)) return ['readiness'];
  if (READY.test(last)) return ['readiness'];
  if (LIVE.test(last)) return ['liveness'];
  return [];
}

export function routeHealthKinds(r: HttpRoute): HealthKind[] {
  if (!r.methods.some((m) => m === 'GET' || m === 'ANY' || m === 'HEAD')) return [];
  if (r.includes && /^health_check(\.|$)/.test(r.includes)) return ['liveness', 'readiness'];
  return healthKinds(r.path);
}
