/**
 * The one way a secret leaves the scanner: redacted. Every output path (findings, notes, history
 * messages, errors) goes through `redact`, so no report, log or snapshot can hold a whole secret.
 */
import { createHash } from 'node:crypto';

/** Characters of a secret that may be shown, at most. */
export const SHOWN_CHARS = 4;

/**
 * `AKIA…(20 chars)`: at most 4 leading characters, and never more than a quarter of the value, so a
 * short password is not half given away.
 */
export function redact(secret: string): string {
  const chars = [...secret];
  const shown = Math.min(SHOWN_CHARS, Math.floor(chars.length / 4));
  return `${chars.slice(0, shown).join('')}…(${chars.length} chars)`;
}

/** Stable identity of a secret for baselines and de-duplication; the value itself is not recoverable. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16);
}
