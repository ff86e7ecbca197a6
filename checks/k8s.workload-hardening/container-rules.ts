/**
 * Per-container rules of k8s.workload-hardening: probes, resource requests and limits, and the
 * security context (non-root, read-only root filesystem, no privilege escalation). Each rule looks at
 * the application containers of one workload (init containers run to completion and are not probed,
 * and sidecars injected at admission are not in the manifests) and returns findings located on the
 * container, or on the field that is wrong.
 */
import type { Finding } from '../../src/engine/check-api.js';
import { asRecord, type K8sContainer, type K8sObject, type Workload } from '../../src/facts/k8s/index.js';

export interface WorkloadRule {
  id: string;
  title: string;
  appliesTo(w: Workload): boolean;
  check(w: Workload, objects: readonly K8sObject[]): Finding[];
}

const where = (w: Workload, c: K8sContainer, ...field: string[]) => w.object.locate([...c.path, ...field]);
const label = (w: Workload, c: K8sContainer) => `${w.kind} ${w.object.name ?? '(unnamed)'} container ${c.name}`;
const finding = (w: Workload, c: K8sContainer, field: string[], f: Omit<Finding, 'file' | 'line'>): Finding => ({ ...f, ...where(w, c, ...field) });

export const probesRule: WorkloadRule = {
  id: 'probes',
  title: 'liveness and readiness probes',
  // a Job's pods are meant to exit; probing them is not the readiness story
  appliesTo: (w) => w.class !== 'batch',
  check(w) {
    const out: Finding[] = [];
    for (const c of w.containers) {
      if (!c.value.livenessProbe) out.push(finding(w, c, [], { id: 'missing-liveness-probe', message: `${label(w, c)} has no livenessProbe: a hung process is never restarted`, hint: 'add `livenessProbe: { httpGet: { path: /livez, port: http } }` pointing at a cheap endpoint that fails only when the process must restart' }));
      // DaemonSets rarely serve through a Service; readiness still gates rolling updates
      if (!c.value.readinessProbe) out.push(finding(w, c, [], { id: 'missing-readiness-probe', message: `${label(w, c)} has no readinessProbe: traffic reaches it before it can serve`, hint: 'add `readinessProbe: { httpGet: { path: /readyz, port: http } }` that checks the dependencies it needs to serve' }));
    }
    return out;
  },
};

export const resourcesRule: WorkloadRule = {
  id: 'resources',
  title: 'CPU and memory requests and limits',
  appliesTo: () => true,
  check(w, objects) {
    const defaults = limitRangeDefaults(w.object, objects);
    const out: Finding[] = [];
    for (const c of w.containers) {
      const res = asRecord(c.value.resources);
      for (const kind of ['requests', 'limits'] as const) {
        const set = asRecord(res?.[kind]) ?? {};
        const missing = ['cpu', 'memory'].filter((r) => set[r] === undefined || set[r] === null || set[r] === '').filter((r) => !defaults[kind].has(r));
        if (missing.length === 0) continue;
        out.push(
          finding(w, c, res ? ['resources'] : [], {
            id: kind === 'requests' ? 'missing-requests' : 'missing-limits',
            message: `${label(w, c)} sets no ${missing.join(' or ')} ${kind}`,
            hint: kind === 'requests' ? 'set resources.requests.cpu and .memory from observed usage so the scheduler places pods where they fit' : 'set resources.limits.memory (and cpu) so one pod cannot starve its neighbours',
          }),
        );
      }
    }
    return out;
  },
};

/** Resources a LimitRange in the workload's namespace fills in for containers that set none. */
function limitRangeDefaults(obj: K8sObject, objects: readonly K8sObject[]): { requests: Set<string>; limits: Set<string> } {
  const out = { requests: new Set<string>(), limits: new Set<string>() };
  for (const lr of objects) {
    if (lr.kind !== 'LimitRange' || lr.namespace !== obj.namespace) continue;
    const limits = asRecord(lr.value.spec)?.limits;
    for (const l of Array.isArray(limits) ? limits : []) {
      const item = asRecord(l);
      if (item?.type !== 'Container') continue;
      for (const r of Object.keys(asRecord(item.default) ?? {})) out.limits.add(r);
      for (const r of Object.keys(asRecord(item.defaultRequest) ?? asRecord(item.default) ?? {})) out.requests.add(r);
    }
  }
  return out;
}

const podContext = (w: Workload) => asRecord(w.podSpec.securityContext) ?? {};
const ctxOf = (c: K8sContainer) => asRecord(c.value.securityContext) ?? {};
const nonRootUser = (v: unknown) => typeof v === 'number' && v > 0;

export const nonRootRule: WorkloadRule = {
  id: 'run-as-non-root',
  title: 'runAsNonRoot',
  appliesTo: () => true,
  check(w) {
    const pod = podContext(w);
    const out: Finding[] = [];
    for (const c of w.containers) {
      const ctx = ctxOf(c);
      // the container's own setting overrides the pod's
      const nonRoot = ctx.runAsNonRoot ?? pod.runAsNonRoot;
      const user = ctx.runAsUser ?? pod.runAsUser;
      if (user === 0) out.push(finding(w, c, ctx.runAsUser === 0 ? ['securityContext', 'runAsUser'] : [], { id: 'runs-as-root', message: `${label(w, c)} runs as UID 0`, hint: 'run as an unprivileged UID (runAsUser: 10001) with runAsNonRoot: true' }));
      else if (nonRoot !== true && !nonRootUser(user)) {
        out.push(finding(w, c, [], { id: 'missing-run-as-non-root', message: `${label(w, c)} may run as root: neither runAsNonRoot: true nor a non-zero runAsUser`, hint: 'set `securityContext: { runAsNonRoot: true }` on the pod (and a USER in the image)' }));
      }
    }
    return out;
  },
};

export const readOnlyRootRule: WorkloadRule = {
  id: 'read-only-root-filesystem',
  title: 'readOnlyRootFilesystem',
  appliesTo: () => true,
  check(w) {
    return w.containers
      .filter((c) => ctxOf(c).readOnlyRootFilesystem !== true)
      .map((c) => finding(w, c, ctxOf(c).readOnlyRootFilesystem === false ? ['securityContext', 'readOnlyRootFilesystem'] : [], { id: 'writable-root-filesystem', message: `${label(w, c)} can write to its root filesystem`, hint: 'set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the app must write (/tmp)' }));
  },
};

export const privilegeEscalationRule: WorkloadRule = {
  id: 'no-privilege-escalation',
  title: 'allowPrivilegeEscalation: false',
  appliesTo: () => true,
  check(w) {
    const out: Finding[] = [];
    for (const c of w.containers) {
      const ctx = ctxOf(c);
      if (ctx.privileged === true) out.push(finding(w, c, ['securityContext', 'privileged'], { id: 'privileged', message: `${label(w, c)} is privileged: it has the host's full capabilities`, severity: 'critical', hint: 'remove privileged: true; grant only the capability needed (securityContext.capabilities.add)' }));
      else if (ctx.allowPrivilegeEscalation !== false) out.push(finding(w, c, ctx.allowPrivilegeEscalation === true ? ['securityContext', 'allowPrivilegeEscalation'] : [], { id: 'allows-privilege-escalation', message: `${label(w, c)} does not set allowPrivilegeEscalation: false`, hint: 'set securityContext.allowPrivilegeEscalation: false (and capabilities.drop: [ALL])' }));
    }
    return out;
  },
};
