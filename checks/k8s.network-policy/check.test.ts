import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'deny-and-allows', name: 'default-deny for ingress and egress, ingress-controller allow, DNS egress, one namespace' },
    { fixture: 'kustomize-namespace', name: 'base policies take the production overlay namespace, overlay adds the allow' },
    { fixture: 'helm-chart-policies', name: 'Helm chart renders deny and allow policies from values (range over namespaces)' },
    { fixture: 'calico-global-deny', name: 'Calico GlobalNetworkPolicy default deny plus a Kubernetes allow' },
    { fixture: 'cilium-default-deny', name: 'Cilium default deny (empty rule) plus an endpoint allow' },
    { fixture: 'helm-text-policies', name: 'policies in a Helm template that uses tpl, read as text document by document' },
  ],
  invalid: [
    { fixture: 'no-policies', score: 0, findings: [{ id: 'no-network-policy', file: 'deployment.yaml', line: 1 }] },
    { fixture: 'allows-only', name: 'allows without default-deny is partial', score: 0.5, findings: [{ id: 'no-default-deny', file: 'policy.yaml', line: 1 }] },
    { fixture: 'deny-only', name: 'default-deny with nothing allowed', score: 0.5, findings: [{ id: 'no-allow-policies', file: 'deny.yaml', line: 1 }] },
    {
      fixture: 'allow-all-ingress',
      name: 'an empty ingress rule on all pods cancels the default deny',
      score: 0.5,
      findings: [
        { id: 'allow-all-ingress', file: 'policies.yaml', line: 14 },
        { id: 'no-default-deny', file: 'policies.yaml', line: 17 },
      ],
    },
    { fixture: 'two-namespaces', name: 'each namespace of the app is judged', score: 0.5, findings: [{ id: 'no-network-policy', file: 'jobs.yaml', line: 1 }] },
    { fixture: 'egress-only-deny', name: 'an egress-only default deny leaves ingress open', score: 0.5, findings: [{ id: 'no-default-deny', file: 'policies.yaml', line: 9 }] },
  ],
  notApplicable: [
    { fixture: 'no-kubernetes', name: 'no manifests' },
    { fixture: 'policies-without-workloads', name: 'policies but nothing deployed to protect' },
  ],
});
