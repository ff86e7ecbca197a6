/**
 * Kubernetes probes of the service's own workloads, and whether they point at the health routes
 * the code registers. Datastores and other third-party images run someone else's server: their
 * probes are not this service's business.
 */
import { asRecord, type K8sFacts, type Workload } from '../../src/facts/k8s/index.js';
import { isDevPath } from '../../src/facts/deploy-env.js';

export interface Probe {
  workload: Workload;
  container: string;
  kind: 'livenessProbe' | 'readinessProbe' | 'startupProbe';
  /** httpGet path, or null for tcpSocket/exec/grpc probes. */
  path: string | null;
  file: string;
  line: number;
}

const THIRD_PARTY = /(^|\/)(postgres|postgresql|mysql|mariadb|mongo|redis|valkey|memcached|rabbitmq|kafka|zookeeper|elasticsearch|opensearch|nginx|envoy|haproxy|traefik|minio|etcd|consul|vault|prom\w*|grafana|busybox|alpine|curlimages)[^/]*(:|@|$)/;

/** Long-running workloads that run this service (not datastores, not batch jobs). */
export function appWorkloads(k8s: K8sFacts): Workload[] {
  return k8s.workloads.filter((w) => w.class === 'replicated' && !isDevPath(w.object.file) && w.containers.some((c) => !c.image || !THIRD_PARTY.test(c.image)));
}

export function probesOf(w: Workload): Probe[] {
  const out: Probe[] = [];
  for (const c of w.containers) {
    if (c.image && THIRD_PARTY.test(c.image)) continue;
    for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
      const probe = asRecord(c.value[kind]);
      if (!probe) continue;
      const http = asRecord(probe.httpGet);
      const path = http ? (typeof http.path === 'string' ? http.path : '/') : null;
      const at = w.object.locate([...c.path, kind, ...(http ? ['httpGet', 'path'] : [])]);
      out.push({ workload: w, container: c.name, kind, path, file: at.file, line: at.line });
    }
  }
  return out;
}
