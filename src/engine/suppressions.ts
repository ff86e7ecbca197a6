/**
 * Inline suppressions: `mina-ignore: <check-id> <reason>` in a comment (`#`, `//`, `--`, `/* *\/`,
 * `<!-- -->`) on the finding's line or the line above. A reason is mandatory: one without it
 * suppresses nothing and is reported, so every silenced finding carries a written justification.
 */
import type { RepoContext } from '../context/repo-context.js';
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
  const text = await repo.text(file);
  if (text === null) return null;
  const from = Math.max(1, line - 1);
  for (const [offset, content] of lineSlice(text, from, line).entries()) {
    const s = parseSuppression(content);
    if (s && s.checkId === checkId) return { suppression: s, line: from + offset };
  }
  return null;
}

/** Lines from..to (1-based, inclusive) without splitting the whole file. */
function lineSlice(text: string, from: number, to: number): string[] {
  const out: string[] = [];
  let start = 0;
  for (let n = 1; n <= to && start <= text.length; n++) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    if (n >= from) out.push(text.slice(start, stop));
    if (end === -1) break;
    start = end + 1;
  }
  return out;
}
