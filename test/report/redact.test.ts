import { describe, expect, it } from 'vitest';
import { looksRandom, redactSecrets } from '../../src/report/redact.js';
import { formatJson } from '../../src/report/json-reporter.js';
import { formatTerminal } from '../../src/report/terminal-reporter.js';
import { formatSarif } from '../../src/report/sarif.js';
import { formatJunit } from '../../src/report/junit.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { formatHtml } from '../../src/report/html/page.js';
import { buildRoadmap } from '../../src/report/roadmap/build-roadmap.js';
import { formatRoadmapMarkdown } from '../../src/report/roadmap/roadmap-markdown.js';
import { FIXTURE_LEVELS, PLANTED_SECRETS, fixtureHistory, plantedReport } from './fixture-report.js';

// Token-shaped inputs are split in the source so mina's own secret scan of this repository stays clean.
describe('redactSecrets', () => {
  it.each([
    ['AWS key AKIA' + 'Z3MX7Q2PLRT5KVWN in settings', 'AWS key AKIA… in settings'],
    ['token = "ghp_' + 'R8mZ2kQ9vX4tL7pW1nB6cY3hJ5sD0fGa9EoU"', 'token = "ghp_…"'],
    ['postgres://app:S3cr3tPassw0rdForDb@db:5432/x', 'postgres://app:S3cr…@db:5432/x'],
    ["SECRET_KEY = 'x8fK2mQ9vL4tR7pW1nB6cY3h'", "SECRET_KEY = 'x8fK…'"],
    ['aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY9x2', 'aws_secret_access_key wJal…'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu3vZ9qT1\n-----END RSA PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----…-----END RSA PRIVATE KEY-----'],
  ])('masks %s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it.each([
    'AWS access key id AKIA… assigned in settings',
    'see src/components/Foo/Bar123.tsx and getUserById2FactorAuthToken',
    'FROM node@sha256:3f2a9c1d4e5b6a7980c1d2e3f4a5b6c7d8e9f0123f2a9c1d4e5b6a7980c1d2e3',
    'secret scanning: disabled',
    "SECRET_KEY = os.environ['SECRET_KEY']",
    'password: ${DB_PASSWORD}',
    'K8sDeploymentHardeningV2Check failed at web/app.py:14',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });

  it('is idempotent', () => {
    const once = redactSecrets(PLANTED_SECRETS.join(' token=') + ' postgres://u:S3cr3tPassw0rdForDb@h/');
    expect(redactSecrets(once)).toBe(once);
  });

  it('tells random material from words', () => {
    expect(looksRandom('x8fK2mQ9vL4tR7pW1nB6cY3h')).toBe(true);
    expect(looksRandom('ProductionReadinessScore2024')).toBe(false);
    expect(looksRandom('a1b2c3d4e5f60718293a4b5c6d7e8f9012345678')).toBe(false);
  });

  it('stays fast on a hostile 1 MB line', () => {
    const line = 'password='.repeat(50_000) + 'a-'.repeat(200_000) + 'AKIA'.repeat(50_000);
    const started = performance.now();
    redactSecrets(line);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('every format quotes planted secrets redacted', () => {
  const report = plantedReport();
  const outputs: Record<string, string> = {
    json: formatJson(report),
    terminal: formatTerminal(report, { color: false, verbose: true }),
    sarif: formatSarif(report),
    junit: formatJunit(report),
    markdown: formatMarkdown(report),
    html: formatHtml(report, { history: fixtureHistory() }),
    roadmap: formatRoadmapMarkdown(buildRoadmap({ report, levels: FIXTURE_LEVELS, history: [], drill: null })),
  };
  for (const [format, text] of Object.entries(outputs)) {
    it(format, () => {
      for (const secret of PLANTED_SECRETS) expect(text, `${format} leaks ${secret.slice(0, 4)}…`).not.toContain(secret);
      // the redacted forms are there: the findings were not simply dropped
      expect(text).toContain('AKIA…');
    });
  }
});
