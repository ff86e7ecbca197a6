/**
 * The CI gate: fails on a score below the threshold, on findings at or above a severity, and —
 * failing closed — on any check that errored unless errors are explicitly allowed.
 */
import { severityRank, type Severity } from '../engine/check-api.js';

export interface GateSettings {
  minScore: number | null;
  failOn: Severity | 'none';
  allowErrors: boolean;
}

export interface GateInput {
  score: number;
  checks: readonly { id: string; status: string; findings: readonly { severity: Severity }[] }[];
}

export interface GateVerdict {
  passed: boolean;
  minScore: number | null;
  failOn: Severity | 'none';
  reasons: string[];
}

export function evaluateGate(input: GateInput, settings: GateSettings): GateVerdict {
  const reasons: string[] = [];
  if (settings.minScore !== null && input.score < settings.minScore) {
    reasons.push(`score ${input.score.toFixed(1)} < ${settings.minScore}`);
  }
  if (settings.failOn !== 'none') {
    const limit = severityRank(settings.failOn);
    const counts = new Map<Severity, number>();
    for (const c of input.checks) for (const f of c.findings) if (severityRank(f.severity) <= limit) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
    for (const [sev, n] of counts) reasons.push(`${n} ${sev} finding${n === 1 ? '' : 's'} (fail-on ${settings.failOn})`);
  }
  if (!settings.allowErrors) {
    const errored = input.checks.filter((c) => c.status === 'error').map((c) => c.id);
    if (errored.length) reasons.push(`check${errored.length === 1 ? '' : 's'} errored: ${errored.join(', ')}`);
  }
  return { passed: reasons.length === 0, minScore: settings.minScore, failOn: settings.failOn, reasons };
}
