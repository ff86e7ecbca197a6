/**
 * Inline suppressions: `mina-ignore: <check-id> <reason>` in a comment (`#`, `//`, `--`, `/* *\/`,
 * `<!-- -->`) on the finding's line or the line above. A reason is mandatory: one without it
 * suppresses nothing and is reported, so every silenced finding carries a written justification.
 */
import type { RepoContext } from '../context/repo-context.js';
import { linesParser } from '../context/parsers/lines.js';
import type { ReportedFinding } from './run-checks.js';

const MARKER = /(?:#|\/\/|--|<!--|\/\*)\s*mina-ignore:\s*([^\s*>]+)(.*)$/;

export interface Suppression {
  checkId: string;
  reason: string;
}

export function parseSuppression(line: string): Suppression | null {
  const m = MARKER.exec(line);
  if (!m) return null;
  const reason = m[2].replace(/\s*(?:-->|\*\/)\s*$/, '').trim();
  return { checkId: m[1], reason };
}

export interface Applied {
  findings: ReportedFinding[];
  score: number;
  suppressed: number;
}

/**
 * Each finding stands for an equal share of what the check took off the score, so suppressing k of
 * n findings gives back k/n of it; suppressing all of them makes the check pass.
 */
export async function applySuppressions(checkId: string, findings: ReportedFinding[], score: number, repo: RepoContext): Promise<Applied> {
  const kept: ReportedFinding[] = [];
  const extra: ReportedFinding[] = [];
  let suppressed = 0;
  // read the files concurrently first: one after another, each read waits on the I/O pool
  await repo.readTexts([...new Set(findings.flatMap((f) => (f.file && f.line ? [f.file] : [])))]);
  for (const f of findings) {
    const hit = f.file && f.line ? await markerFor(checkId, f.file, f.line, repo) : null;
    if (hit && hit.suppression.reason) {
      suppressed++;
      continue;
    }
    kept.push(f);
    if (hit && !extra.some((e) => e.file === f.file && e.line === hit.line)) {
      extra.push({
        id: 'suppression-without-reason',
        message: `mina-ignore for ${checkId} has no reason, so it suppresses nothing`,
        file: f.file,
        line: hit.line,
        severity: 'low',
        hint: `write why after the id: mina-ignore: ${checkId} <reason>`,
      });
    }
  }
  const adjusted = findings.length > 0 && suppressed > 0 ? score + (1 - score) * (suppressed / findings.length) : score;
  return { findings: [...kept, ...extra], score: Math.min(1, adjusted), suppressed };
}

async function markerFor(checkId: string, file: string, line: number, repo: RepoContext) {
  const lines = await repo.parse(file, linesParser);
  if (lines === null) return null;
  for (let n = Math.max(1, line - 1); n <= line && n <= lines.length; n++) {
    const s = parseSuppression(lines[n - 1]);
    if (s && s.checkId === checkId) return { suppression: s, line: n };
  }
  return null;
}
