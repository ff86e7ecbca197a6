import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../src/report/sarif.js';
import type { Report } from '../../src/report/report-model.js';
import { fixtureReport, plantedReport } from './fixture-report.js';
import { manyFindingsReport } from './many-findings.js';
import { parseValidSarif, validateSarif } from './sarif-schema.js';

describe('SARIF', () => {
  it.each<[string, () => Report]>([
    ['the fixture report', fixtureReport],
    ['a report with planted secrets', plantedReport],
    ['a report with no checks', () => ({ ...fixtureReport(), checks: [], categories: [] })],
    ['a report with 5,000 findings', () => manyFindingsReport(5000)],
  ])('validates against the SARIF 2.1.0 schema: %s', (_, make) => {
    parseValidSarif(formatSarif(make()));
  });

  it('the schema really rejects a broken log (the validation is not vacuous)', () => {
    const log = JSON.parse(formatSarif(fixtureReport())) as { runs: { results: { level: string }[] }[] };
    log.runs[0].results[0].level = 'critical';
    expect(validateSarif(log)).toBe(false);
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it('has one rule per check, with the README as help, and results pointing at their rule', () => {
    const run = parseValidSarif(formatSarif(fixtureReport())).runs[0];
    const report = fixtureReport();
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(report.checks.map((c) => c.id));
    const runbooks = run.tool.driver.rules.find((r) => r.id === 'ops.runbooks')!;
    expect(runbooks.help?.markdown).toContain('## How to fix');
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(run.properties.score).toBe(48.6);
  });

  it('maps severity to level and anchors every result at a physical location with a region', () => {
    const run = parseValidSarif(formatSarif(fixtureReport())).runs[0];
    expect(run.results.map((r) => r.level)).toEqual(['error', 'error', 'error', 'warning', 'warning']);
    for (const r of run.results) {
      expect(r.locations).toHaveLength(1);
      expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
    const repoLevel = run.results.filter((r) => r.ruleId === 'ops.runbooks');
    expect(repoLevel.map((r) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual(['.', '.']);
    const unicode = run.results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri.startsWith('web/'))!;
    expect(unicode.locations[0].physicalLocation.artifactLocation.uri).toBe('web/%C3%BCn%C3%AFcode%20%F0%9F%9A%80/server.js');
  });

  it('keeps fingerprints when lines move and tells apart findings that differ', () => {
    const before = fixtureReport();
    const after = fixtureReport();
    for (const c of after.checks) for (const f of c.findings) if (f.line) f.line += 7;
    after.checks[1].findings[0].message = after.checks[1].findings[0].message.replace('(1)', '(2)');
    const prints = (r: Report) => parseValidSarif(formatSarif(r)).runs[0].results.map((x) => x.partialFingerprints['minaFinding/v1']);
    expect(prints(after)).toEqual(prints(before));
    expect(new Set(prints(before)).size).toBe(prints(before).length);
    const moved = fixtureReport();
    moved.checks[0].findings[0].file = 'shop/other.py';
    expect(prints(moved)[0]).not.toBe(prints(before)[0]);
  });

  it('reports an errored check as a tool execution notification', () => {
    const inv = parseValidSarif(formatSarif(fixtureReport())).runs[0].invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications).toHaveLength(1);
  });
});
