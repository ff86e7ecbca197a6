/**
 * tests.coverage: the line coverage recorded in the repository's coverage reports meets the
 * rubric's target. Reports in different folders (a backend and a frontend) are combined by line
 * count; in one folder the most precise report is read. No report: not applicable, with a warning.
 */
import { stat } from 'node:fs/promises';
import { defineFact, type RepoContext } from '../../src/context/repo-context.js';
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { isTestDataPath } from '../../src/facts/test-data-paths.js';
import { parseJsonReport, parseLcov, parseXmlReport, type Coverage } from './formats.js';

interface Options {
  target: number;
  maxAgeDays: number;
}

/** In priority order within a folder. */
const REPORTS: Array<{ glob: string[]; parse: (text: string) => Coverage | null }> = [
  { glob: ['**/coverage-summary.json'], parse: parseJsonReport },
  { glob: ['**/coverage.json'], parse: parseJsonReport },
  { glob: ['**/coverage.xml', '**/cobertura*.xml', '**/*cobertura*.xml', '**/coverage-*.xml'], parse: parseXmlReport },
  { glob: ['**/jacoco*.xml'], parse: parseXmlReport },
  { glob: ['**/lcov.info', '**/*.lcov', '**/lcov-*.info'], parse: parseLcov },
  { glob: ['**/coverage-final.json'], parse: parseJsonReport },
];

interface Found extends Coverage {
  file: string;
}

const DAY = 24 * 3600 * 1000;

export default defineCheck<Options>({
  meta: {
    id: 'tests.coverage',
    title: 'Line coverage meets the target',
    category: 'testing',
    severity: 'medium',
    description: 'A coverage report (lcov, Cobertura, coverage.py JSON/XML, Istanbul, JaCoCo) shows line coverage at or above the target (default 90%).',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        target: { type: 'number', exclusiveMinimum: 0, maximum: 100, default: 90 },
        maxAgeDays: { type: 'integer', minimum: 1, maximum: 3650, default: 30 },
      },
    },
  },
  async applies({ repo }) {
    if ((await reports(repo)).length) return true;
    repo.warnings.push('tests.coverage: no coverage report found (lcov.info, coverage.xml, coverage.json, coverage-summary.json, jacoco.xml); commit one or run mina after the tests to score coverage');
    return { applies: false, reason: 'no coverage report (lcov, Cobertura/coverage.py XML, coverage.py JSON, Istanbul, JaCoCo) in the repository' };
  },
  async run({ repo, options }) {
    const found = await reports(repo);
    const total = found.reduce((n, r) => n + r.linesTotal, 0);
    const covered = found.reduce((n, r) => n + r.linesCovered, 0);
    const pct = (100 * covered) / total;
    const notes = found.map((r) => `${r.file} (${r.format}): ${((100 * r.linesCovered) / r.linesTotal).toFixed(1)}% of ${r.linesTotal} lines`);
    const findings: Finding[] = [];
    const score = Math.min(1, pct / options.target);
    if (pct < options.target) {
      const worst = [...found].sort((a, b) => a.linesCovered / a.linesTotal - b.linesCovered / b.linesTotal)[0];
      findings.push({ id: 'below-target', message: `line coverage is ${pct.toFixed(1)}%, below the ${options.target}% target`, file: worst.file, hint: 'add tests for the uncovered critical paths (the report lists them), and fail CI below the target (--cov-fail-under, coverageThreshold)' });
    }
    for (const r of found) {
      const when = r.timestamp ?? (await mtime(repo, r.file));
      if (when !== null && Date.now() - when > options.maxAgeDays * DAY) {
        findings.push({ id: 'stale-report', message: `${r.file} is ${Math.floor((Date.now() - when) / DAY)} days old (limit ${options.maxAgeDays}): it may not describe the code any more`, file: r.file, severity: 'low', hint: 'regenerate the report in CI on every run (and publish it as an artifact) instead of committing an old one' });
      }
    }
    return { score: Math.round(score * 1000) / 1000, findings, notes };
  },
});

const reports = (repo: RepoContext) => repo.fact(reportsFact);

const reportsFact = defineFact<Found[]>('tests.coverage:reports', async (repo) => {
  const byDir = new Map<string, Found>();
  for (const kind of REPORTS) {
    for (const f of repo.glob(kind.glob)) {
      if (isTestDataPath(f.path) || /(^|\/)node_modules\//.test(f.path)) continue;
      const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
      if (byDir.has(dir)) continue;
      const text = await repo.text(f.path);
      const cov = text ? kind.parse(text) : null;
      if (cov) byDir.set(dir, { ...cov, file: f.path });
    }
  }
  return [...byDir.values()];
});

/** The report file's modification time (reports without their own timestamp: lcov, Istanbul). */
async function mtime(repo: RepoContext, path: string): Promise<number | null> {
  const entry = repo.file(path);
  if (!entry) return null;
  try {
    return (await stat(entry.abs)).mtimeMs;
  } catch {
    return null;
  }
}
