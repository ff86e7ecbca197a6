/**
 * Session affinity in front of the service, so that every request of one client (Socket.IO's
 * long-polling requests in particular) reaches the same process: ingress-nginx `affinity: cookie` /
 * `upstream-hash-by`, Traefik sticky cookies, AWS ALB target-group stickiness, HAProxy cookie
 * persistence, Service `sessionAffinity: ClientIP`, Istio consistent hashing, GKE BackendConfig
 * affinity, nginx `ip_hash`/`hash`/`sticky` upstreams, HAProxy `balance source` or `cookie … insert`,
 * and Traefik labels in Compose.
 */
import { defineFact } from '../context/repo-context.js';
import { walkNginx } from '../context/parsers/nginx.js';
import { isTestPath, isVendoredPath } from './code/sources.js';
import { k8sFact, asRecord, getPath } from './k8s/index.js';
import { nginxFilesFact } from './nginx.js';
import { isTestDataPath } from './test-data-paths.js';

export interface StickyEvidence {
  file: string;
  line: number;
  via: string;
}

const ANNOTATION = /(^|\/)(affinity|upstream-hash-by|session-cookie-name|cookie-persistence|service\.sticky\.cookie|sticky)$/;
const OFF = /^(none|false|off|0|)$/i;

export const stickySessionsFact = defineFact<StickyEvidence[]>('sticky-sessions', async (repo) => {
  const out: StickyEvidence[] = [];
  for (const o of (await repo.fact(k8sFact)).objects) {
    const annotations = asRecord(getPath(o.value, ['metadata', 'annotations'])) ?? {};
    for (const [key, value] of Object.entries(annotations)) {
      const text = String(value ?? '');
      const sticky = (ANNOTATION.test(key) && !OFF.test(text.trim())) || (/target-group-attributes$/.test(key) && /stickiness\.enabled=true/.test(text));
      if (sticky) {
        const at = o.locate(['metadata', 'annotations', key]);
        out.push({ file: at.file, line: at.line, via: `${o.kind} annotation ${key}` });
      }
    }
    const spec = asRecord(o.value.spec);
    const found = (path: string[], via: string) => {
      const at = o.locate(path);
      out.push({ file: at.file, line: at.line, via });
    };
    if (o.kind === 'Service' && spec?.sessionAffinity === 'ClientIP') found(['spec', 'sessionAffinity'], 'Service sessionAffinity: ClientIP');
    if (o.kind === 'DestinationRule' && getPath(spec, ['trafficPolicy', 'loadBalancer', 'consistentHash'])) found(['spec', 'trafficPolicy', 'loadBalancer', 'consistentHash'], 'Istio consistentHash');
    if (o.kind === 'BackendConfig' && getPath(spec, ['sessionAffinity', 'affinityType']) && getPath(spec, ['sessionAffinity', 'affinityType']) !== 'NONE') found(['spec', 'sessionAffinity'], 'GKE BackendConfig sessionAffinity');
    if (o.kind === 'IngressRoute' && JSON.stringify(spec ?? {}).includes('"sticky"')) found(['spec'], 'Traefik IngressRoute sticky');
  }
  for (const f of await repo.fact(nginxFilesFact)) {
    for (const { directive, ancestors } of walkNginx(f.directives)) {
      if (['ip_hash', 'hash', 'sticky'].includes(directive.name) && ancestors.some((a) => a.name === 'upstream')) out.push({ file: f.path, line: directive.line, via: `nginx upstream ${directive.name}` });
    }
  }
  for (const f of repo.glob(['**/haproxy*.cfg', '**/docker-compose*.y*ml', '**/compose*.y*ml'], { nocase: true })) {
    if (isTestPath(f.path) || isVendoredPath(f.path) || isTestDataPath(f.path)) continue;
    const lines = (await repo.text(f.path))?.split('\n') ?? [];
    const i = lines.findIndex((l) => l.length < 2000 && !/^\s*#/.test(l) && (/^\s*balance\s+source\b|^\s*cookie\s+\S+\s+(insert|prefix|rewrite)\b|^\s*stick\s+on\b/.test(l) || /loadbalancer\.sticky(\.cookie)?(\.name)?\s*[=:]\s*["']?(?!false)\w/.test(l)));
    if (i >= 0) out.push({ file: f.path, line: i + 1, via: /haproxy/i.test(f.path) ? 'HAProxy persistence' : 'Traefik sticky cookie label' });
  }
  return out;
});
