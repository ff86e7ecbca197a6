import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RepoContext } from '../../src/context/repo-context.js';
import { k8sFact } from '../../src/facts/k8s/index.js';
import { applyJsonPatch, strategicMerge } from '../../src/facts/k8s/merge.js';
import { patchTargets, joinPath, type KustomizePatch } from '../../src/facts/k8s/kustomize.js';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'checks', 'k8s.workload-hardening', 'fixtures');

describe('patch formats', () => {
  it('strategic merge merges named lists by name, deletes on null and $patch: delete', () => {
    const base = { spec: { replicas: 1, containers: [{ name: 'a', image: 'x', env: [{ name: 'A', value: '1' }] }, { name: 'b', image: 'y' }], paused: true } };
    const patch = { spec: { paused: null, containers: [{ name: 'a', env: [{ name: 'B', value: '2' }] }, { name: 'b', $patch: 'delete' }, { name: 'c', image: 'z' }] } };
    expect(strategicMerge(base, patch)).toEqual({
      spec: { replicas: 1, containers: [{ name: 'a', image: 'x', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }, { name: 'c', image: 'z' }] },
    });
    expect(base.spec.containers).toHaveLength(2);
  });

  it('JSON patches add, replace and remove; hostile paths are ignored', () => {
    const doc = { spec: { replicas: 1, template: { spec: { containers: [{ name: 'a' }] } } } };
    const out = applyJsonPatch(doc, [
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'b' } },
      { op: 'remove', path: '/spec/template/spec/containers/0' },
      { op: 'add', path: '/__proto__/polluted', value: true },
      { op: 'add', path: '/spec/missing/deep', value: 1 },
    ]);
    expect(out).toEqual({ spec: { replicas: 3, template: { spec: { containers: [{ name: 'b' }] } } } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('targets by kind and name, with the simple regexes kustomize allows and nothing that can backtrack', () => {
    const p = (kind: string | null, name: string | null) => ({ target: { kind, name } }) as KustomizePatch;
    expect(patchTargets(p('Deployment', 'api'), 'Deployment', 'api')).toBe(true);
    expect(patchTargets(p('Deployment', 'api'), 'StatefulSet', 'api')).toBe(false);
    expect(patchTargets(p('Deployment', 'api-.*'), 'Deployment', 'api-v2')).toBe(true);
    expect(patchTargets(p(null, 'web|api'), 'Deployment', 'api')).toBe(true);
    expect(patchTargets(p('Deployment', '(a+)+$'), 'Deployment', 'a'.repeat(60) + 'b')).toBe(false);
    expect(joinPath('overlays/prod', '../../base/')).toBe('base');
  });
});

describe('objects built through overlays', () => {
  it('locates each field in the layer that sets it and never turns a patch into an object', async () => {
    const repo = await RepoContext.create(path.join(FIXTURES, 'kustomize-prod-overlay'), { maxFileSize: 1e6 });
    const k8s = await repo.fact(k8sFact);
    expect(k8s.objects.map((o) => `${o.kind}/${o.name}@${o.file}`).sort()).toEqual(['Deployment/checkout@deploy/base/deployment.yaml', 'PodDisruptionBudget/checkout@deploy/overlays/prod/pdb.yaml']);
    const [w] = k8s.workloads;
    expect(w.replicas).toBe(4);
    expect(w.object.namespace).toBe('checkout-prod');
    expect(w.object.overlay).toBe('deploy/overlays/prod');
    const c = w.containers[0];
    expect(w.object.locate([...c.path, 'resources', 'limits'])).toEqual({ file: 'deploy/overlays/prod/resources-patch.yaml', line: 12 });
    expect(w.object.locate([...c.path, 'livenessProbe'])).toEqual({ file: 'deploy/base/deployment.yaml', line: 22 });
    expect(w.object.locate([...c.path, 'startupProbe'])).toEqual({ file: 'deploy/base/deployment.yaml', line: 18 });
    expect(k8s.patches.map((p) => p.file).sort()).toEqual(['deploy/overlays/dev/dev-patch.yaml', 'deploy/overlays/prod/resources-patch.yaml']);
  });

  it('renders Helm charts and skips test pods', async () => {
    const repo = await RepoContext.create(path.join(FIXTURES, 'helm-scaffold'), { maxFileSize: 1e6 });
    const k8s = await repo.fact(k8sFact);
    expect(k8s.objects.map((o) => `${o.kind}/${o.name}`).sort()).toEqual(['Deployment/release-web', 'Service/release-web']);
    expect(k8s.charts[0]).toMatchObject({ dir: 'charts/web', name: 'web', rendered: ['charts/web/templates/deployment.yaml', 'charts/web/templates/hpa.yaml', 'charts/web/templates/service.yaml'] });
    expect(k8s.workloads[0].containers[0].image).toBe('ghcr.io/acme/web:1.16.0');
  });
});
