import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

const scaffold = 'charts/web/templates/deployment.yaml';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'hardened-deployment', name: 'multi-document manifest: Deployment + Service + PDB with matchExpressions' },
    { fixture: 'kustomize-prod-overlay', name: 'base hardened by its prod overlay (replicas override, resources patch, PDB); dev patch and patch files are not workloads' },
    { fixture: 'helm-hardened', name: 'Helm chart rendered with values: HPA minReplicas 2, PDB template, security context from values' },
    { fixture: 'list-limitrange', name: 'kind: List with a LimitRange supplying default requests and limits' },
    { fixture: 'hostile-manifests', name: 'an alias bomb, broken YAML and template-less objects beside a good manifest' },
  ],
  invalid: [
    {
      fixture: 'bare-deployment',
      name: 'kubectl create deployment shape: nothing set',
      score: 0,
      findings: [
        { id: 'no-pdb', file: 'deployment.yaml', line: 4 },
        { id: 'single-replica', file: 'deployment.yaml', line: 8 },
        ...['missing-liveness-probe', 'missing-readiness-probe', 'missing-requests', 'missing-limits', 'missing-run-as-non-root', 'writable-root-filesystem', 'allows-privilege-escalation'].map((id) => ({ id, file: 'deployment.yaml', line: 18 })),
      ],
    },
    {
      fixture: 'helm-scaffold',
      name: 'helm create scaffold rendered with its defaults; findings point at template lines',
      score: 1 / 6,
      findings: [
        { id: 'no-pdb', file: scaffold, line: 4 },
        { id: 'single-replica', file: scaffold, line: 9 },
        { id: 'missing-run-as-non-root', file: scaffold, line: 29 },
        { id: 'writable-root-filesystem', file: scaffold, line: 29 },
        { id: 'allows-privilege-escalation', file: scaffold, line: 29 },
        { id: 'missing-requests', file: scaffold, line: 46 },
        { id: 'missing-limits', file: scaffold, line: 46 },
      ],
    },
    {
      fixture: 'helm-text-fallback',
      name: 'a template using tpl is read as text, with values.yaml consulted for toYaml subtrees',
      score: [0.4, 0.6],
      findings: [
        { id: 'writable-root-filesystem', file: 'helm/worker/templates/deployment.yaml', line: 2 },
        { id: 'allows-privilege-escalation', file: 'helm/worker/templates/deployment.yaml', line: 2 },
        { id: 'no-pdb', file: 'helm/worker/templates/deployment.yaml', line: 2 },
      ],
    },
    {
      fixture: 'kustomize-no-prod',
      name: 'no production overlay among several: the base is judged, JSON patches of dev/staging ignored',
      score: 4 / 6,
      findings: [
        { id: 'single-replica', file: 'k8s/base/deployment.yaml', line: 6 },
        { id: 'missing-requests', file: 'k8s/base/deployment.yaml', line: 18 },
        { id: 'missing-limits', file: 'k8s/base/deployment.yaml', line: 18 },
        { id: 'pdb-blocks-eviction', file: 'k8s/base/pdb.yaml', line: 5 },
      ],
    },
    {
      fixture: 'statefulset-cronjob',
      name: 'StatefulSet with a PDB that blocks drains; CronJob judged on resources and security, not probes or replicas',
      score: 4 / 6,
      findings: [
        { id: 'pdb-blocks-eviction', file: 'manifests/db.yaml', line: 29 },
        { id: 'missing-requests', file: 'manifests/backup.yaml', line: 15 },
        { id: 'missing-limits', file: 'manifests/backup.yaml', line: 15 },
        { id: 'runs-as-root', file: 'manifests/backup.yaml', line: 15 },
      ],
    },
    { fixture: 'hpa-min-one', name: 'replicas left to an HPA whose minimum is 1', score: 5 / 6, findings: [{ id: 'single-replica', file: 'k8s/hpa.yaml', line: 7 }] },
    { fixture: 'privileged-daemonset', name: 'privileged DaemonSet; no replica rule for daemons', score: 4 / 5, findings: [{ id: 'privileged', file: 'node-agent.yaml', line: 24, severity: 'critical' }] },
  ],
  notApplicable: [
    { fixture: 'no-kubernetes', name: 'Dockerfile and compose only' },
    { fixture: 'no-workloads', name: 'manifests without workloads' },
  ],
});
