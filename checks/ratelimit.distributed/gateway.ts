/**
 * Limits enforced in front of the application, where every process and replica shares them: nginx
 * `limit_req`, ingress-nginx `limit-rps`/`limit-rpm` annotations, Traefik `RateLimit` middlewares and
 * Kong `rate-limiting` plugins.
 */
import { walkNginx } from '../../src/context/parsers/nginx.js';
import type { NginxFile } from '../../src/facts/nginx.js';
import { asRecord, type K8sObject } from '../../src/facts/k8s/index.js';
import type { Limiter } from './store.js';

export function gatewayLimiters(nginx: readonly NginxFile[], objects: readonly K8sObject[]): Limiter[] {
  const out: Limiter[] = [];
  for (const file of nginx) {
    for (const { directive } of walkNginx(file.directives)) {
      if (directive.name === 'limit_req') out.push({ library: 'nginx limit_req', file: file.path, line: directive.line, store: 'shared', detail: 'enforced by nginx in front of the app' });
    }
  }
  for (const o of objects) {
    const annotations = asRecord(asRecord(o.value.metadata)?.annotations) ?? {};
    const key = Object.keys(annotations).find((k) => /^nginx\.ingress\.kubernetes\.io\/limit-(rps|rpm|connections)$/.test(k));
    if (o.kind === 'Ingress' && key) {
      const at = o.locate(['metadata', 'annotations', key]);
      out.push({ library: 'ingress-nginx rate limit', file: at.file, line: at.line, store: 'shared', detail: `${key} on the ingress` });
    }
    const spec = asRecord(o.value.spec);
    if (o.kind === 'Middleware' && (spec?.rateLimit || spec?.rateLimiter)) {
      const at = o.locate(['spec', spec.rateLimit ? 'rateLimit' : 'rateLimiter']);
      out.push({ library: 'Traefik RateLimit', file: at.file, line: at.line, store: 'shared', detail: 'Traefik middleware' });
    }
    if ((o.kind === 'KongPlugin' || o.kind === 'KongClusterPlugin') && typeof o.value.plugin === 'string' && /rate-limiting/.test(o.value.plugin)) {
      out.push({ library: 'Kong rate-limiting', file: o.file, line: o.line, store: 'shared', detail: 'Kong plugin' });
    }
  }
  return out;
}
