/**
 * monitoring.alerting: alert rules exist as code — Prometheus rule groups (files or PrometheusRule
 * objects), an Alertmanager configuration, Grafana alert provisioning or dashboards with alerts,
 * Datadog monitors, CloudWatch alarms (CloudFormation or Terraform) and the other providers' alert
 * resources in Terraform. Read from parsed YAML/JSON/HCL; a runbook called "alerts" is not a rule.
 */
import { servicePresenceFact } from '../../src/facts/service-presence.js';
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { terraformFact } from '../../src/facts/terraform.js';
import { alertDefinitions, TF_ALERT_RESOURCES, type AlertDefinition } from './definitions.js';

export default defineCheck({
  meta: {
    id: 'monitoring.alerting',
    title: 'Alert rules exist',
    category: 'monitoring',
    severity: 'medium',
    description: 'Alert rules exist as code: Prometheus rules, Alertmanager config, Grafana alerts, Datadog monitors, CloudWatch alarms.',
  },
  async applies({ repo }) {
    return (await repo.fact(servicePresenceFact)) !== null || { applies: false, reason: 'not a service: no web framework, start command or Kubernetes workload' };
  },
  async run({ repo }) {
    const defs: AlertDefinition[] = await alertDefinitions(repo);
    for (const b of await repo.fact(terraformFact)) {
      if (b.type === 'resource' && TF_ALERT_RESOURCES.test(b.labels[0] ?? '')) defs.push({ kind: 'rule', what: `Terraform ${b.labels[0]}.${b.labels[1] ?? ''}`, file: b.file, line: b.line });
    }
    const rules = defs.filter((d) => d.kind === 'rule');
    const routing = defs.filter((d) => d.kind === 'routing');
    const notes = [...rules, ...routing].slice(0, 5).map((d) => `${d.what} at ${d.file}:${d.line}`);
    if (rules.length) return { score: 1, findings: [], notes: [`${rules.length} alert rule(s)`, ...notes] };
    if (routing.length) return { score: 1, findings: [], notes: ['Alertmanager routes alerts; the rules it receives are not in this repository', ...notes] };
    const recording = defs.find((d) => d.kind === 'recording');
    const findings: Finding[] = [];
    if (recording) {
      findings.push({ id: 'recording-rules-only', message: `${recording.file} has Prometheus recording rules but no alerting rule`, file: recording.file, line: recording.line, hint: 'add `alert:` rules (error rate, p95 latency, saturation, instance down) next to the recording rules' });
      return { score: 0.2, findings };
    }
    findings.push({ id: 'no-alert-rules', message: 'no alert rules found (Prometheus rules, Alertmanager, Grafana, Datadog monitors, CloudWatch alarms)', hint: 'add Prometheus alert rules for error rate, latency, saturation and availability, and an Alertmanager route to the on-call channel' });
    return { score: 0, findings };
  },
});
