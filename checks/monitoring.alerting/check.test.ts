import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'prometheus-rules', name: 'Prometheus rule file' },
    { fixture: 'prometheusrule-object', name: 'PrometheusRule object' },
    { fixture: 'terraform-datadog', name: 'Datadog monitor in Terraform' },
    { fixture: 'grafana-provisioning', name: 'Grafana alert provisioning' },
    { fixture: 'alertmanager-only', name: 'Alertmanager configuration' },
  ],
  invalid: [
    { fixture: 'recording-only', score: 0.2, findings: [{ id: 'recording-rules-only', file: 'prometheus/rules.yml', line: 1 }] },
    { fixture: 'decoy-runbook', name: 'decoy: an alerts runbook and commented-out rules', score: 0, findings: [{ id: 'no-alert-rules' }] },
  ],
  notApplicable: [{ fixture: 'library', name: 'a library: code but no service' }],
});
