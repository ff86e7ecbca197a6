import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { schemaValidator } from '../../src/config/schemas.js';
import { formatJson } from '../../src/report/json-reporter.js';
import { formatJunit } from '../../src/report/junit.js';
import { formatMarkdown, MARKDOWN_LIMIT } from '../../src/report/markdown.js';
import { fixtureReport, plantedReport } from './fixture-report.js';
import { manyFindingsReport } from './many-findings.js';

describe('JSON', () => {
  it.each([
    ['fixture', fixtureReport],
    ['planted secrets', plantedReport],
    ['5,000 findings', () => manyFindingsReport(5000)],
  ])('validates against schemas/report.schema.json: %s', (_, make) => {
    const validate = schemaValidator('report');
    const value: unknown = JSON.parse(formatJson(make()));
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });

  it('leaves the READMEs out of the JSON contract', () => {
    expect(JSON.parse(formatJson(fixtureReport()))).not.toHaveProperty('docs');
  });
});

describe('JUnit XML', () => {
  const parse = (xml: string) => {
    expect(XMLValidator.validate(xml)).toBe(true);
    return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      testsuites: { tests: string; failures: string; errors: string; skipped: string; testsuite: { name: string; testcase: Record<string, unknown> | Record<string, unknown>[] }[] };
    };
  };

  it('has one test case per check, failures listing findings, errors and skips', () => {
    const doc = parse(formatJunit(fixtureReport()));
    const { testsuites } = doc;
    expect([testsuites.tests, testsuites.failures, testsuites.errors, testsuites.skipped]).toEqual(['8', '3', '1', '2']);
    const cases = testsuites.testsuite.flatMap((s) => (Array.isArray(s.testcase) ? s.testcase : [s.testcase]));
    expect(cases.map((c) => String(c.name).split(':')[0]).sort()).toEqual(fixtureReport().checks.map((c) => c.id).sort());
    const cors = cases.find((c) => String(c.name).startsWith('cors.wildcard'))! as { failure: { message: string; '#text': string } };
    expect(cors.failure.message).toBe('partial 50%: 2 findings');
    expect(cors.failure['#text']).toContain('shop/__init__.py:14 [critical] Socket.IO accepts any origin');
    expect(cors.failure['#text']).toContain('<script>alert(1)</script>');
  });

  it('stays well-formed with control characters and broken surrogates in the input', () => {
    const report = fixtureReport();
    report.checks[1].findings[0].message = 'bad \u0000\u0007 bytes \uD800 and ]]> and "quotes"';
    report.checks[1].findings[0].file = 'a<b>&"c\'.py';
    parse(formatJunit(report));
  });
});

describe('Markdown', () => {
  it('puts the score and the gate verdict first', () => {
    const first = formatMarkdown(fixtureReport()).split('\n')[0];
    expect(first).toBe('## 🔴 mina readiness: 48.6/100 — ❌ gate failed');
  });

  it('collapses each check with findings and escapes what the repository wrote', () => {
    const md = formatMarkdown(fixtureReport());
    expect(md.match(/<details>/g)).toHaveLength(md.match(/<\/details>/g)!.length);
    expect(md).toContain('<details><summary>🟡 <code>cors.wildcard</code>');
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\<script\\>');
  });

  it.each([100, 5000, 50_000])('stays under 65,000 characters with %i findings and says what it left out', (n) => {
    const md = formatMarkdown(manyFindingsReport(n));
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(md.match(/<details>/g)?.length).toBe(md.match(/<\/details>/g)?.length);
    expect(md).toContain('### Testing'); // later categories keep their table
    if (n >= 5000) expect(md).toMatch(/\d+ findings not listed to keep this under 65,000 characters/);
  });

  it('keeps every category table even when a tiny budget leaves no room for findings', () => {
    const md = formatMarkdown(manyFindingsReport(200), { maxLength: 4000 });
    expect(md.length).toBeLessThanOrEqual(4000);
    for (const title of ['Security', 'Operational maturity', 'Testing']) expect(md).toContain(`### ${title}`);
  });

  it('does not @mention anyone from a finding', () => {
    const report = fixtureReport();
    report.checks[1].findings[0].message = 'owned by @acme/platform';
    expect(formatMarkdown(report)).not.toMatch(/@acme/);
  });
});
