/**
 * Golden files: every format rendered from the fixed fixture report. A format change shows up as a
 * diff here; regenerate deliberately with `UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts`
 * and review the diff. A golden file no case produces is obsolete and fails the suite.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/json-reporter.js';
import { formatTerminal } from '../../src/report/terminal-reporter.js';
import { formatSarif } from '../../src/report/sarif.js';
import { formatJunit } from '../../src/report/junit.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { formatHtml } from '../../src/report/html/page.js';
import { buildRoadmap } from '../../src/report/roadmap/build-roadmap.js';
import { formatRoadmapMarkdown } from '../../src/report/roadmap/roadmap-markdown.js';
import { FIXTURE_DRILL, FIXTURE_LEVELS, fixtureHistory, fixtureReport } from './fixture-report.js';

const GOLDEN_DIR = path.join(import.meta.dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const roadmap = () => buildRoadmap({ report: fixtureReport(), levels: FIXTURE_LEVELS, history: fixtureHistory(), drill: FIXTURE_DRILL });

export const GOLDEN_CASES: Record<string, () => string> = {
  'terminal.txt': () => formatTerminal(fixtureReport(), { color: false, verbose: true }),
  'report.json': () => formatJson(fixtureReport()),
  'report.sarif': () => formatSarif(fixtureReport()),
  'junit.xml': () => formatJunit(fixtureReport()),
  'summary.md': () => formatMarkdown(fixtureReport()),
  'report.html': () => formatHtml(fixtureReport(), { history: fixtureHistory() }),
  'report-no-history.html': () => formatHtml(fixtureReport()),
  'roadmap.md': () => formatRoadmapMarkdown(roadmap()),
  'roadmap.html': () => formatHtml(fixtureReport(), { history: fixtureHistory(), roadmap: roadmap() }),
};

describe('golden files', () => {
  if (UPDATE) mkdirSync(GOLDEN_DIR, { recursive: true });

  for (const [name, render] of Object.entries(GOLDEN_CASES)) {
    it(name, () => {
      const file = path.join(GOLDEN_DIR, name);
      const actual = render();
      if (UPDATE) writeFileSync(file, actual);
      expect(existsSync(file), `${name} missing: run UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts`).toBe(true);
      expect(actual).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('has no obsolete golden file', () => {
    const present = readdirSync(GOLDEN_DIR);
    const obsolete = present.filter((f) => !(f in GOLDEN_CASES));
    if (UPDATE) for (const f of obsolete) rmSync(path.join(GOLDEN_DIR, f));
    else expect(obsolete, 'golden files no case produces (delete them, or UPDATE_GOLDEN=1 removes them)').toEqual([]);
  });

  it('renders the same report the same way twice (no clock, no randomness)', () => {
    for (const render of Object.values(GOLDEN_CASES)) expect(render()).toBe(render());
  });
});
