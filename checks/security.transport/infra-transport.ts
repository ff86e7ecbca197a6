/**
 * Transport security outside the code: nginx (`listen … ssl`, an HTTPS redirect, an HSTS header),
 * Kubernetes (Ingress `tls`, ingress-nginx `ssl-redirect: "false"`, cert-manager certificates,
 * Traefik/Istio TLS), a Caddyfile (automatic HTTPS), and deployment env that disables verification
 * (`NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`) or database TLS (`sslmode=disable`).
 */
import type { RepoContext } from '../../src/context/repo-context.js';
import { walkNginx } from '../../src/context/parsers/nginx.js';
import type { NginxFile } from '../../src/facts/nginx.js';
import { asRecord, type K8sObject } from '../../src/facts/k8s/index.js';
import type { DeployEnv } from '../../src/facts/deploy-env.js';
import { emptyFacts, plaintextDatabaseUrl, TLS_HINT, type TransportFacts } from './evidence.js';

export function infraTransport(repo: RepoContext, nginx: readonly NginxFile[], objects: readonly K8sObject[], env: DeployEnv): TransportFacts {
  const facts = emptyFacts();
  for (const file of nginx) {
    for (const { directive: d } of walkNginx(file.directives)) {
      const at = `${file.path}:${d.line}`;
      if (d.name === 'listen' && d.args.includes('ssl')) facts.https.push(`nginx TLS listener at ${at}`);
      else if (d.name === 'return' && /^30[1278]$/.test(d.args[0] ?? '') && /^https:\/\//.test(d.args[1] ?? '')) facts.https.push(`nginx HTTPS redirect at ${at}`);
      else if (d.name === 'add_header' && d.args[0]?.toLowerCase() === 'strict-transport-security') facts.https.push(`nginx HSTS at ${at}`);
    }
  }
  for (const o of objects) {
    const annotations = asRecord(asRecord(o.value.metadata)?.annotations) ?? {};
    const spec = asRecord(o.value.spec);
    if (o.kind === 'Ingress') {
      const key = 'nginx.ingress.kubernetes.io/ssl-redirect';
      if (String(annotations[key]).toLowerCase() === 'false') {
        const at = o.locate(['metadata', 'annotations', key]);
        facts.findings.push({ id: 'https-disabled', file: at.file, line: at.line, message: `Ingress ${o.name ?? ''} turns the HTTPS redirect off (${key}: "false")`, hint: 'let the ingress redirect HTTP to HTTPS' });
      }
      if (Array.isArray(spec?.tls) && spec.tls.length) facts.https.push(`Ingress TLS at ${o.locate(['spec', 'tls']).file}:${o.locate(['spec', 'tls']).line}`);
      if (String(annotations['nginx.ingress.kubernetes.io/force-ssl-redirect']).toLowerCase() === 'true') facts.https.push(`ingress force-ssl-redirect at ${o.file}:${o.line}`);
    }
    const gatewayTls = o.kind === 'Gateway' && [spec?.servers, spec?.listeners].some((list) => Array.isArray(list) && list.some((l) => asRecord(l)?.tls));
    if (o.kind === 'Certificate' || o.kind === 'ManagedCertificate' || (o.kind === 'IngressRoute' && spec?.tls) || gatewayTls) {
      facts.https.push(`${o.kind} at ${o.file}:${o.line}`);
    }
  }
  for (const f of repo.glob(['**/Caddyfile', '**/Caddyfile.*'])) facts.https.push(`Caddy (automatic HTTPS) at ${f.path}`);
  for (const s of env.settings) {
    if (s.dev || s.value === null) continue;
    if ((s.name === 'NODE_TLS_REJECT_UNAUTHORIZED' || s.name === 'PYTHONHTTPSVERIFY') && s.value.trim() === '0') {
      facts.findings.push({ id: 'tls-verify-disabled', file: s.file, line: s.line, message: `${s.name}=0 turns TLS certificate verification off for the whole process`, hint: TLS_HINT });
    } else if (plaintextDatabaseUrl(s.value)) {
      facts.findings.push({ id: 'db-tls-disabled', file: s.file, line: s.line, message: `${s.name} connects to the database with sslmode=disable`, hint: 'use sslmode=require (or verify-full)' });
    }
  }
  return facts;
}
