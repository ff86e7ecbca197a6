/**
 * `mina check --per-package`: the whole repository is checked as usual (the roll-up), then each
 * detected package on its own; a table gives each package's score, level and gate, and the exit
 * code fails if the roll-up's or any package's gate fails.
 */
import path from 'node:path';
import { runCheck, type CheckOptions } from '../commands/check.js';
import type { Report } from '../report/report-model.js';
import { detectPackages, type WorkspacePackage } from './detect-packages.js';

export interface PackageRow {
  path: string;
  kind: WorkspacePackage['kind'] | 'root';
  score: number;
  coverage: number;
  level: string;
  gatePassed: boolean;
  findings: number;
}

export interface PerPackageResult {
  rollup: Report;
  packages: PackageRow[];
}

const row = (p: string, kind: PackageRow['kind'], r: Report): PackageRow => ({
  path: p,
  kind,
  score: r.score,
  coverage: r.coverage,
  level: r.level.id,
  gatePassed: r.gate.passed,
  findings: r.summary.findings,
});

export async function checkPerPackage(target: string, options: CheckOptions): Promise<PerPackageResult> {
  const rollup = await runCheck(target, options);
  const packages: PackageRow[] = [];
  // one at a time: each run already uses the machine's cores, and memory stays one run's worth
  for (const pkg of detectPackages(path.resolve(target))) {
    packages.push(row(pkg.path, pkg.kind, await runCheck(path.join(target, pkg.path), { ...options, onProgress: undefined })));
  }
  return { rollup, packages };
}

export function renderPackageTable(result: PerPackageResult): string {
  const rows = [...result.packages, row('(whole repository)', 'root', result.rollup)];
  const width = Math.max(7, ...rows.map((r) => r.path.length));
  const lines = [`${'PACKAGE'.padEnd(width)}  KIND    SCORE  COVERAGE  LEVEL     FINDINGS  GATE`];
  for (const r of rows) {
    lines.push(`${r.path.padEnd(width)}  ${r.kind.padEnd(6)}  ${r.score.toFixed(1).padStart(5)}  ${(r.coverage * 100).toFixed(0).padStart(7)}%  ${r.level.padEnd(8)}  ${String(r.findings).padStart(8)}  ${r.gatePassed ? 'pass' : 'FAIL'}`);
  }
  if (result.packages.length === 0) lines.push('(no workspaces or Python sub-projects found: the whole repository is the only package)');
  return lines.join('\n') + '\n';
}
