/**
 * A scanner match as a report finding: the value redacted, the paired half named, test fixtures
 * demoted to a low-severity kind of their own, history findings dated by their commit.
 */
import type { Finding } from '../engine/check-api.js';
import { redact } from './redact.js';
import type { SecretMatch } from './scanner.js';

export const FIXTURE_FINDING = 'test-fixture';

export interface CommitInfo {
  commit: string;
  /** Author date, ISO 8601 (date part). */
  date: string;
}

export function toFinding(path: string, m: SecretMatch, commit?: CommitInfo): Finding {
  const shown = redact(m.secret);
  const pair = m.pair ? ` (paired with the ${m.pair.description} on line ${m.pair.line})` : '';
  if (m.fixture) {
    return {
      id: FIXTURE_FINDING,
      message: `${m.description} ${shown} in a test fixture (not scored)`,
      file: path,
      line: m.line,
      column: m.column,
      severity: 'low',
      hint: 'use an obviously fake value or build it at test time; it is reported only so that a real credential in a test cannot hide',
    };
  }
  const where = commit ? ` in commit ${commit.commit.slice(0, 12)} (${commit.date}), no longer in the working tree` : '';
  return {
    id: m.ruleId,
    message: `${m.description} ${shown}${pair}${where}`,
    file: path,
    line: m.line,
    column: m.column,
    severity: m.severity,
    hint: commit
      ? 'the value stays in every clone of the history: revoke and rotate it; rewriting history does not un-leak it'
      : m.live
        ? 'revoke and rotate this credential, then read it from the environment or a secret manager'
        : 'read it from the environment or a secret manager; if it is not a secret, add `mina-ignore: secrets.hardcoded <reason>`',
  };
}
