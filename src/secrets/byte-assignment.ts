/**
 * The assignment scanner's grammar (assignment.ts) read on raw bytes, loosely: whether a key
 * around a keyword occurrence is assigned something that may be a literal. A superset of the
 * lines where `findAssignments` finds a value, so the byte gate (line-gate.ts) never drops one;
 * `bytes.test.ts` holds the two together. Key characters, operators and quotes are ASCII, so byte
 * offsets within a key and its operator are character offsets.
 */
import { MAX_BYTES_PER_UNIT, MAX_KEY, MAX_VALUE, byteSet, isKeyChar } from './line-shape.js';

const COLON = 0x3a;
const EQUALS = 0x3d;
const QUOTES = byteSet('"\'`');
/** What may stand between `key:` and `=` in a type annotation (`password: str = "..."`). */
const ANNOTATION = byteSet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.[]|, \t\v\f\r');
const NOT_BARE = byteSet('|>!&*{[#');
/** After a literal, these make it part of an expression: `"a" + b`, `"%s" % x`, `"x".join(…)`. */
const EXPRESSION_AFTER = byteSet('+.%[(');

/**
 * Whether the key around a keyword at `at` is assigned something that may be a literal, read as
 * `valueAfter` reads it but more loosely: a superset of the lines where it finds a value.
 */
export function literalAssignedAt(b: Uint8Array, at: number, start: number, end: number, bare: boolean, windowed: boolean): boolean {
  let s = at;
  while (s > start && at - s < MAX_KEY && isKeyChar(b[s - 1])) s--;
  let e = at;
  while (e < end && e - s < MAX_KEY && isKeyChar(b[e])) e++;
  if (s > start && e < end && b[s - 1] === 0x3c && b[e] === 0x3e) return true; // <key>value</key>
  let p = e;
  for (let q = 0; q < 2 && p < end && (QUOTES[b[p]] === 1 || b[p] === 0x5d); q++) p++;
  p = skipSpace(b, p, end);
  // reads past the line are 0: never out of the array, which would cost V8 a deoptimisation
  const c = p < end ? b[p] : 0;
  const next = p + 1 < end ? b[p + 1] : 0;
  const third = p + 2 < end ? b[p + 2] : 0;
  let v: number;
  if ((c === COLON && next === EQUALS) || (c === EQUALS && next === 0x3e)) v = p + 2;
  else if ((c === 0x3f && next === 0x3f && third === EQUALS) || (c === 0x7c && next === 0x7c && third === EQUALS)) v = p + 3;
  else if (c === EQUALS && next !== EQUALS) v = p + 1;
  else if (c === COLON && next !== COLON) v = bare ? p + 1 : afterAnnotation(b, p + 1, end);
  else return p > e && afterEnvOrArg(b, s, start); // Dockerfile `ENV KEY value`: a bare value
  v = skipSpace(b, v, end);
  if (v >= end) return false;
  let first = b[v];
  let formatted = false;
  const lower = first | 0x20;
  if ((lower === 0x72 || lower === 0x62 || lower === 0x66 || lower === 0x75) && v + 1 < end && (b[v + 1] === 0x22 || b[v + 1] === 0x27)) {
    formatted = lower === 0x66; // r"…", b'…', u"…"; f"…" may hold fields
    first = b[++v];
  }
  if (QUOTES[first] === 1) return closedLiteral(b, v, end, formatted || first === 0x60, windowed);
  return bare && NOT_BARE[first] === 0;
}

/**
 * Whether the quote at `q` opens a literal that is a whole value: closed on the line, not
 * followed by an operator, call or index, and (for f-strings and templates) without fields.
 */
function closedLiteral(b: Uint8Array, q: number, end: number, template: boolean, windowed: boolean): boolean {
  const quote = b[q];
  // the engine gives up on a value longer than MAX_VALUE characters (and its escape may step two past)
  const limit = Math.min(end, q + (MAX_VALUE + 4) * MAX_BYTES_PER_UNIT);
  let j = q + 1;
  let field = false;
  while (j < limit && b[j] !== quote) {
    if (b[j] === 0x5c) j++; // the escaped character
    else if (b[j] === 0x7b) field = true;
    j++;
  }
  if (j >= limit || (template && field)) return false;
  // a window may end right after the literal, hiding what follows it
  const next = skipSpace(b, j + 1, end);
  return windowed || next >= end || EXPRESSION_AFTER[b[next]] === 0;
}

/** `key: Type = value` in code: where the value starts, if an annotation may stand before it. */
function afterAnnotation(b: Uint8Array, p: number, end: number): number {
  // the engine looks 64 characters ahead for the `=`
  const limit = Math.min(end, p + 64 * MAX_BYTES_PER_UNIT);
  let q = p;
  while (q < limit && (ANNOTATION[b[q]] === 1 || b[q] >= 0x80)) q++;
  if (q >= limit || b[q] !== EQUALS) return p;
  return q + 1 < end && (b[q + 1] === EQUALS || b[q + 1] === 0x3e) ? p : q + 1;
}

/** Dockerfile `ENV KEY value` / `ARG KEY`: the key follows `ENV` or `ARG` and spacing. */
function afterEnvOrArg(b: Uint8Array, keyStart: number, start: number): boolean {
  let p = keyStart;
  // bytes of non-ASCII characters count as spacing: `\s` also matches U+00A0 and the like
  while (p > start && (b[p - 1] === 0x20 || (b[p - 1] >= 0x09 && b[p - 1] <= 0x0d) || b[p - 1] >= 0x80)) p--;
  if (p === keyStart || p - 3 < start) return false;
  const word = String.fromCharCode(b[p - 3] | 0x20, b[p - 2] | 0x20, b[p - 1] | 0x20);
  return word === 'env' || word === 'arg';
}

function skipSpace(b: Uint8Array, p: number, end: number): number {
  while (p < end && (b[p] === 0x20 || b[p] === 0x09)) p++;
  return p;
}
