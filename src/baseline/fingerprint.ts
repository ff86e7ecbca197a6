/**
 * Stable identities for findings, so a baseline survives unrelated edits: the check id, the file,
 * the finding kind and a hash of the finding's normalised source line (or, for findings without a
 * line, of its message with numbers blanked). A line moving up or down keeps its fingerprint; the
 * line's own content changing makes it a new finding. Hashes only: a secret on the line is not kept.
 *
 * Secret findings are the exception: a hash of the raw line would let anyone holding the committed
 * baseline test password guesses offline, so they are identified by their (already redacted)
 * message instead — rule, a short prefix and the length — which also holds for findings from git
 * history, whose line number says nothing about today's file.
 */
import { createHash } from 'node:crypto';
import type { RepoContext } from '../context/repo-context.js';
import { linesParser } from '../context/parsers/lines.js';
import type { ReportedFinding } from '../engine/run-checks.js';

/** Lines longer than this are hashed by their first part: a minified bundle is one giant line. */
const MAX_CONTEXT = 2000;

export function normaliseContext(text: string): string {
  return text.slice(0, MAX_CONTEXT).replace(/\s+/g, ' ').trim();
}

export function fingerprint(checkId: string, finding: ReportedFinding, lineText: string | null): string {
  const context = checkId.startsWith('secrets.')
    ? `redacted:${normaliseContext(finding.message)}`
    : lineText !== null
      ? `line:${normaliseContext(lineText)}`
      : `message:${normaliseContext(finding.message).replace(/\d+/g, '#')}`;
  return createHash('sha256')
    .update([checkId, finding.file ?? '', finding.id, context].join('\0'))
    .digest('hex')
    .slice(0, 32);
}

/** Each file is split into lines once per run, shared with the suppression lookup. */
export async function fingerprintAll(results: ReadonlyArray<{ id: string; findings: ReportedFinding[] }>, repo: RepoContext): Promise<Map<ReportedFinding, string>> {
  const out = new Map<ReportedFinding, string>();
  for (const r of results) {
    for (const f of r.findings) {
      const lines = f.file !== undefined && f.line !== undefined ? await repo.parse(f.file, linesParser) : null;
      out.set(f, fingerprint(r.id, f, lines?.[f.line! - 1] ?? null));
    }
  }
  return out;
}
