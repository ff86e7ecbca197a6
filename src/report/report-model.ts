/** The JSON report contract (`schemas/report.schema.json`): what every reporter renders. */
import type { Severity } from '../engine/check-api.js';
import type { CheckResult } from '../engine/run-checks.js';
import type { SkippedEntry } from '../context/walk.js';
import type { GateVerdict } from '../scoring/gate.js';

export interface Report {
  schemaVersion: 1;
  tool: { name: 'mina'; version: string };
  target: { path: string; url: string | null; commit: string | null };
  rubric: { name: string; version: number };
  score: number;
  coverage: number;
  level: { id: string; title: string; next: string | null };
  gate: GateVerdict;
  categories: { id: string; title: string; score: number | null; weight: number }[];
  checks: CheckResult[];
  summary: { findings: number; suppressed: number; bySeverity: Record<Severity, number> };
  inputs: { files: number; skipped: SkippedEntry[] };
  warnings: string[];
  generatedAt: string;
  durationMs: number;
  /**
   * Each check's README, keyed by check id, attached only for the formats that quote it (SARIF rule
   * help); absent from the JSON report, and absent for plugin checks, which have no README.
   */
  docs?: Record<string, CheckDoc>;
}

export interface CheckDoc {
  /** The first paragraph of "What it checks": one plain sentence or two. */
  summary: string;
  /** The "How to fix" section, Markdown. */
  fix: string | null;
  /** The whole README, Markdown. */
  markdown: string;
}
