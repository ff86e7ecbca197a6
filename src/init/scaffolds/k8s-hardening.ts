/**
 * Hardening for Deployments that already exist in plain manifests (answers k8s.workload-hardening):
 * a patch that adds what is missing — probes, requests and limits, `runAsNonRoot`, a read-only root
 * filesystem with an emptyDir at /tmp, `allowPrivilegeEscalation: false`, two replicas — and turns
 * explicitly insecure booleans around. Nothing else in the file changes (comments and the other
 * documents are kept as written). It edits an existing file, so it is written only with --force,
 * after a backup; without it the plan shows the diff.
 */
import { isMap, isSeq, parseAllDocuments, type Document } from 'yaml';
import type { FileSpec, Scaffold, ScaffoldContext } from '../model.js';
import { failing, findingIds } from './common.js';

const FIXABLE = ['missing-liveness-probe', 'missing-readiness-probe', 'missing-requests', 'missing-limits', 'missing-run-as-non-root', 'writable-root-filesystem', 'allows-privilege-escalation', 'single-replica'];

export const k8sHardeningScaffold: Scaffold = {
  id: 'k8s-hardening',
  title: 'Harden the existing Deployments (probes, resources, security context, replicas)',
  answers: ['k8s.workload-hardening'],
  offer(ctx) {
    if (ctx.stack.k8s.layout !== 'plain' || !failing(ctx, 'k8s.workload-hardening')) return null;
    const ids = findingIds(ctx, 'k8s.workload-hardening');
    if (!FIXABLE.some((id) => ids.has(id))) return null;
    return { preselect: true, reason: 'the Deployments lack probes, resources or a restricted security context (patched only with --force)' };
  },
  async files(ctx) {
    const out: FileSpec[] = [];
    const byFile = new Map<string, string[]>();
    for (const w of ctx.stack.k8s.workloads) byFile.set(w.file, [...(byFile.get(w.file) ?? []), w.name]);
    for (const [file, names] of byFile) {
      const text = await ctx.repo.text(file);
      const patched = text === null ? null : patchFile(ctx, text, new Set(names));
      if (patched && patched !== text) out.push({ path: file, format: 'yaml', content: patched, patch: true });
    }
    return out;
  },
};

function patchFile(ctx: ScaffoldContext, text: string, names: ReadonlySet<string>): string | null {
  const docs = parseAllDocuments(text) as unknown as Document.Parsed[];
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length)) return null;
  // patch from the last document backwards so earlier source offsets stay valid
  let out = text;
  for (let i = docs.length - 1; i >= 0; i--) {
    const doc = docs[i];
    if (doc.getIn(['kind']) !== 'Deployment' || !names.has(String(doc.getIn(['metadata', 'name'])))) continue;
    if (!hardenDeployment(ctx, doc)) continue;
    const start = i === 0 ? 0 : doc.range[0];
    out = out.slice(0, start) + doc.toString() + out.slice(doc.range[2]);
  }
  return out;
}

/** Adds what is missing to one Deployment document; true when anything changed. */
function hardenDeployment(ctx: ScaffoldContext, doc: Document.Parsed): boolean {
  let changed = false;
  const set = (path: unknown[], value: unknown, when: (current: unknown) => boolean) => {
    const current = doc.getIn(path);
    if (!when(current)) return;
    doc.setIn(path, doc.createNode(value));
    changed = true;
  };
  const missing = (v: unknown) => v === undefined || v === null;
  const notTrue = (v: unknown) => v !== true;
  set(['spec', 'replicas'], 2, (v) => missing(v) || (typeof v === 'number' && v < 2));
  const pod = ['spec', 'template', 'spec'];
  set([...pod, 'securityContext', 'runAsNonRoot'], true, (v) => v !== true && !(typeof doc.getIn([...pod, 'securityContext', 'runAsUser']) === 'number' && (doc.getIn([...pod, 'securityContext', 'runAsUser']) as number) > 0));
  const containers = doc.getIn([...pod, 'containers']);
  if (!isSeq(containers)) return changed;
  const health = ctx.stack.app?.health;
  containers.items.forEach((item, i) => {
    if (!isMap(item)) return;
    const c = [...pod, 'containers', i];
    const port = portOf(doc, c, ctx.answers.port);
    const probe = (path: string | undefined) => (path ? { httpGet: { path, port } } : { tcpSocket: { port } });
    set([...c, 'readinessProbe'], { ...probe(health?.readiness?.value), periodSeconds: 10 }, missing);
    set([...c, 'livenessProbe'], { ...probe(health?.liveness?.value), initialDelaySeconds: 10, periodSeconds: 20 }, missing);
    for (const [kind, cpu, memory] of [['requests', '100m', '256Mi'], ['limits', '1', '512Mi']] as const) {
      set([...c, 'resources', kind, 'cpu'], cpu, missing);
      set([...c, 'resources', kind, 'memory'], memory, missing);
    }
    set([...c, 'securityContext', 'allowPrivilegeEscalation'], false, (v) => v !== false);
    set([...c, 'securityContext', 'readOnlyRootFilesystem'], true, notTrue);
    set([...c, 'securityContext', 'capabilities'], { drop: ['ALL'] }, missing);
    const mounts = doc.getIn([...c, 'volumeMounts']);
    const hasTmp = isSeq(mounts) && mounts.items.some((m) => isMap(m) && m.get('mountPath') === '/tmp');
    if (!hasTmp) {
      append(doc, [...c, 'volumeMounts'], { name: 'tmp', mountPath: '/tmp' });
      const volumes = doc.getIn([...pod, 'volumes']);
      if (!(isSeq(volumes) && volumes.items.some((v) => isMap(v) && v.get('name') === 'tmp'))) append(doc, [...pod, 'volumes'], { name: 'tmp', emptyDir: {} });
      changed = true;
    }
  });
  return changed;
}

/** Appends to a sequence, keeping its items (and their comments) as they are; creates it if absent. */
function append(doc: Document.Parsed, path: unknown[], item: unknown): void {
  const seq = doc.getIn(path);
  if (isSeq(seq)) seq.add(doc.createNode(item));
  else doc.setIn(path, doc.createNode([item]));
}

/** The container's named port, else its first port number, else the answered port. */
function portOf(doc: Document.Parsed, container: unknown[], fallback: number): string | number {
  const ports = doc.getIn([...container, 'ports']);
  const first = isSeq(ports) ? ports.items.find(isMap) : undefined;
  const name = first?.get('name');
  const number = first?.get('containerPort');
  return typeof name === 'string' ? name : typeof number === 'number' ? number : fallback;
}
