/**
 * Alerting definitions in YAML and JSON files. Files are only parsed when their text can hold one
 * (a cheap substring test), so a large repository is not parsed whole.
 */
import type { RepoContext } from '../../src/context/repo-context.js';
import { jsonParser } from '../../src/context/parsers/json.js';
import { yamlParser } from '../../src/context/parsers/yaml.js';
import { isVendoredPath } from '../../src/facts/code/index.js';
import { isTestDataPath } from '../../src/facts/test-data-paths.js';

export interface AlertDefinition {
  /** rule: something that fires; routing: Alertmanager; recording: Prometheus recording rules only. */
  kind: 'rule' | 'routing' | 'recording';
  what: string;
  file: string;
  line: number;
}

export const TF_ALERT_RESOURCES = /^(datadog_monitor|grafana_rule_group|aws_cloudwatch_metric_alarm|aws_cloudwatch_composite_alarm|google_monitoring_alert_policy|azurerm_monitor_(metric|activity_log|scheduled_query_rules)_alert(_v2)?|newrelic_(alert_condition|nrql_alert_condition|infra_alert_condition)|signalfx_detector|sentry_(issue|metric)_alert|opsgenie_integration_action|pagerduty_event_orchestration_service|honeycombio_trigger|lightstep_alert)$/;

const HINT = /alert|receivers\s*:|record\s*:|condition"?\s*:|CloudWatch/i;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export async function alertDefinitions(repo: RepoContext): Promise<AlertDefinition[]> {
  const out: AlertDefinition[] = [];
  for (const f of repo.glob(['**/*.yml', '**/*.yaml', '**/*.json'])) {
    if (isTestDataPath(f.path) || isVendoredPath(f.path) || f.size > 4 * 1024 * 1024 || /(^|\/)(package(-lock)?|tsconfig|composer)\.json$/.test(f.path)) continue;
    const text = await repo.text(f.path);
    if (!text || !HINT.test(text)) continue;
    if (f.path.endsWith('.json')) {
      const parsed = await repo.parse(f.path, jsonParser);
      const value = (parsed as { value?: unknown } | null)?.value;
      for (const v of Array.isArray(value) ? value : [value]) classify(v, f.path, 1, out);
      continue;
    }
    const yaml = await repo.parse(f.path, yamlParser);
    for (const doc of yaml?.docs ?? []) {
      if (doc.errors.length) continue;
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 100 });
      } catch {
        continue;
      }
      const line = doc.contents?.range ? yaml!.lineAt(doc.contents.range[0]) : 1;
      classify(value, f.path, line, out);
    }
  }
  return out;
}

function classify(value: unknown, file: string, line: number, out: AlertDefinition[]): void {
  const v = obj(value);
  if (!v) return;
  // Prometheus rule file, PrometheusRule object, Grafana provisioning: groups[].rules[]
  const groups = list(v.groups).length ? list(v.groups) : list(obj(v.spec)?.groups);
  let alerts = 0;
  let recording = 0;
  for (const g of groups) {
    for (const r of list(obj(g)?.rules)) {
      const rule = obj(r);
      if (!rule) continue;
      if (typeof rule.alert === 'string' && rule.expr !== undefined && String(rule.expr).trim()) alerts++;
      else if (obj(rule.grafana_alert) || (rule.condition !== undefined && Array.isArray(rule.data))) alerts++;
      else if (typeof rule.record === 'string') recording++;
    }
  }
  const kind = v.kind === 'PrometheusRule' ? 'PrometheusRule' : 'rule group';
  if (alerts) out.push({ kind: 'rule', what: `${alerts} alert(s) in a ${kind}`, file, line });
  else if (recording) out.push({ kind: 'recording', what: 'recording rules', file, line });
  if (obj(v.route) && list(v.receivers).length) out.push({ kind: 'routing', what: 'Alertmanager configuration', file, line });
  // CloudFormation / SAM
  for (const [name, res] of Object.entries(obj(v.Resources) ?? {})) {
    if (/^AWS::CloudWatch::(Composite)?Alarm$/.test(String(obj(res)?.Type ?? ''))) out.push({ kind: 'rule', what: `CloudWatch alarm ${name}`, file, line });
  }
  // Datadog monitor definition
  if (typeof v.type === 'string' && /alert|service check|composite|slo alert/.test(v.type) && typeof v.query === 'string') out.push({ kind: 'rule', what: `Datadog monitor ${String(v.name ?? '')}`.trim(), file, line });
  // Grafana dashboard with legacy panel alerts
  const panels = [...list(v.panels), ...list(obj(v.dashboard)?.panels)];
  if (panels.some((p) => list(obj(obj(p)?.alert)?.conditions).length)) out.push({ kind: 'rule', what: 'Grafana dashboard alert', file, line });
}
