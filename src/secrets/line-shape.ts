/**
 * The few facts about a line that both the text engine (scanner.ts, assignment.ts) and the byte
 * scan (keyword-index.ts, line-gate.ts, byte-assignment.ts) rely on, and the byte tests they
 * share; kept in one place so the two cannot drift apart.
 */

/** Lines longer than this (minified code) are read in windows around each keyword. */
export const LONG_LINE = 4096;

/** The longest key the assignment scanner reads around a keyword. */
export const MAX_KEY = 100;

/** The longest quoted value the assignment scanner reads, in characters. */
export const MAX_VALUE = 512;

/** The most UTF-8 bytes one UTF-16 code unit takes (a 3-byte character is one unit, a 4-byte one two). */
export const MAX_BYTES_PER_UNIT = 3;

/** A character (or byte: key characters are ASCII) that can be part of an assignment's key. */
export function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46 || c === 36;
}

/** Whether the bytes from `from` spell `word` (lower-case ASCII), A–Z folded to a–z. */
export function lowerEquals(b: Uint8Array, from: number, word: string): boolean {
  if (from + word.length > b.length) return false;
  for (let j = 0; j < word.length; j++) {
    const c = b[from + j];
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(j)) return false;
  }
  return true;
}

/** A 256-entry table marking the bytes of `chars` (ASCII) with 1. */
export function byteSet(chars: string): Uint8Array {
  const set = new Uint8Array(256);
  for (const ch of chars) set[ch.charCodeAt(0)] = 1;
  return set;
}
