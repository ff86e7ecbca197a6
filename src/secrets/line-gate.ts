/**
 * Which lines with a keyword are worth decoding at all, decided on the raw bytes. Most lines a
 * keyword picks are code that names a credential without holding one (`def authenticate(`,
 * `token = request.headers["Authorization"]`, `https://docs/...`): the line engine would decode
 * them, look up their rules and run them, to find nothing. The gate is a necessary condition of
 * each rule kind, never a guess. A line passes when one of its keywords feeds a provider-format
 * rule (those keywords are rare); when a URL on it has the `scheme://user:password@` shape every
 * connection rule needs; or when a key around one of its keywords is assigned something that
 * may be a literal — the assignment scanner's own grammar (assignment.ts), read loosely (more
 * loosely still on lines long enough for the engine to read in windows). The byte scan's
 * findings equal the text scan's: bytes.test.ts holds them to it.
 */
import type { KeywordIndex } from './keyword-index.js';
import type { FileKind } from './file-kind.js';
import type { RuleKind } from './rules.js';
import { LONG_LINE, MAX_BYTES_PER_UNIT, MAX_KEY, MAX_VALUE, isKeyChar } from './line-shape.js';

const ANY = 1;
const URL = 2;
const ASSIGNMENT = 4;
/** Feeds provider-format rules only through a longer keyword of theirs, which must be on the line. */
const VERIFY = 8;

const COLON = 0x3a;
const EQUALS = 0x3d;
const AT = 0x40;
const SLASH = 0x2f;
const QUOTES = set('"\'`');
/** Bytes that end a URL's user part in the connection grammar (ASCII; other bytes read on). */
const USER_STOP = set(":@/ \t\n\v\f\r'\"`<>{}$");
const PASSWORD_STOP = set("@/ \t\n\v\f\r'\"`<>{}");
/** What may stand between `key:` and `=` in a type annotation (`password: str = "..."`). */
const ANNOTATION = set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.[]|, \t\v\f\r');
const NOT_BARE = set('|>!&*{[#');
/** After a literal, these make it part of an expression: `"a" + b`, `"%s" % x`, `"x".join(…)`. */
const EXPRESSION_AFTER = set('+.%[(');

/** What the gate knows of each prefilter keyword's rules. */
export interface KeywordRules {
  /** Kinds of the rules the keyword picks, but for those in `verifyWords`. */
  kinds: ReadonlySet<RuleKind>;
  /**
   * Keywords (lower-case) of the provider-format rules this keyword picks only because it is part
   * of theirs (`secret` in `aws_secret`): the engine runs those only where one of theirs occurs.
   */
  verifyWords: readonly string[];
}

/** A longer keyword to look for around a hit: `word` holds the hit's keyword at `offset`. */
interface AroundHit {
  word: string;
  offset: number;
}

export class LineGate {
  private readonly needs: Uint8Array;
  private readonly around: ReadonlyArray<readonly AroundHit[]>;
  /** The keyword occurrences of the line being looked at. */
  private readonly hits = new Int32Array(1024);

  /** `urlShape`: every connection rule matches only `://user:password@` (false: no URL test). */
  constructor(
    private readonly index: KeywordIndex,
    keywords: readonly KeywordRules[],
    urlShape: boolean,
  ) {
    // a longer keyword on the line holds an occurrence of the shorter one, which is a hit itself
    this.around = keywords.map((k, id) => k.verifyWords.flatMap((word) => offsetsOf(word, index.keywords[id]).map((offset) => ({ word, offset }))));
    this.needs = Uint8Array.from(keywords, ({ kinds, verifyWords }) => {
      if (kinds.has('pattern') || kinds.has('kubernetes') || (kinds.has('connection') && !urlShape)) return ANY;
      return (verifyWords.length > 0 ? VERIFY : 0) | (kinds.has('connection') ? URL : 0) | (kinds.has('assignment') ? ASSIGNMENT : 0);
    });
  }

  /** Whether the line bytes[start, end), which holds a keyword, could yield a finding in a file of `kind`. */
  needed(bytes: Uint8Array, start: number, end: number, kind: FileKind): boolean {
    // the engine reads a long line in windows around its keywords (scanner.ts); a window can only
    // hide what makes a value no literal when it ends right after one
    const windowed = end - start > LONG_LINE;
    const assignments = !kind.generated;
    let wants = 0;
    let ascii = -1;
    const hits = this.hits;
    let count = 0;
    /** Some occurrence, of those no longer in `hits`, sits in a key assigned a possible literal. */
    let assigned = false;
    for (let at = this.index.nextHit(bytes, start, end); at !== -1; at = this.index.nextHit(bytes, at + 1, end)) {
      const id = this.index.hitId;
      const need = this.needs[id];
      if (need === ANY) return true;
      if ((need & VERIFY) !== 0) {
        // toLowerCase turns some non-ASCII characters into ASCII letters (K, İ): such lines pass
        if (ascii === -1) ascii = isAscii(bytes, start, end) ? 1 : 0;
        if (ascii === 0 || this.longerAt(bytes, at, start, end, id)) return true;
      }
      wants |= need;
      // keys are read only if the line turns out to have an assignment keyword (most have none)
      if (count === hits.length) {
        if (assignments && !assigned) assigned = hits.some((h) => literalAssignedAt(bytes, h, start, end, kind.bareValues, windowed));
        count = 0;
      }
      hits[count++] = at;
    }
    // the assignment scanner looks for a key at every keyword of the line, whichever rule it feeds
    if ((wants & ASSIGNMENT) !== 0 && assignments) {
      if (assigned) return true;
      for (let i = 0; i < count; i++) if (literalAssignedAt(bytes, hits[i], start, end, kind.bareValues, windowed)) return true;
    }
    return (wants & URL) !== 0 && urlCredentialIn(bytes, start, end);
  }

  private longerAt(b: Uint8Array, at: number, start: number, end: number, id: number): boolean {
    for (const { word, offset } of this.around[id]) {
      const from = at - offset;
      if (from >= start && from + word.length <= end && lowerEquals(b, from, word)) return true;
    }
    return false;
  }
}

/**
 * Whether the key around a keyword at `at` is assigned something that may be a literal, read as
 * `valueAfter` reads it but more loosely: a superset of the lines where it finds a value.
 */
function literalAssignedAt(b: Uint8Array, at: number, start: number, end: number, bare: boolean, windowed: boolean): boolean {
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

/** Whether some `://` on the line is followed by `user:password@`, each part free of its stop bytes. */
function urlCredentialIn(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i + 3 <= end; i++) {
    if (b[i] !== COLON || b[i + 1] !== SLASH || b[i + 2] !== SLASH) continue;
    let p = i + 3;
    while (p < end && USER_STOP[b[p]] === 0) p++;
    if (p >= end || b[p] !== COLON) continue;
    const from = ++p;
    while (p < end && PASSWORD_STOP[b[p]] === 0) p++;
    if (p > from && p < end && b[p] === AT) return true;
  }
  return false;
}

function lowerEquals(b: Uint8Array, from: number, word: string): boolean {
  for (let j = 0; j < word.length; j++) {
    const c = b[from + j];
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(j)) return false;
  }
  return true;
}

function isAscii(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] >= 0x80) return false;
  return true;
}

function offsetsOf(word: string, keyword: string): number[] {
  const out: number[] = [];
  for (let i = word.indexOf(keyword); i !== -1; i = word.indexOf(keyword, i + 1)) out.push(i);
  return out;
}

function skipSpace(b: Uint8Array, p: number, end: number): number {
  while (p < end && (b[p] === 0x20 || b[p] === 0x09)) p++;
  return p;
}

function set(chars: string): Uint8Array {
  const s = new Uint8Array(256);
  for (const ch of chars) s[ch.charCodeAt(0)] = 1;
  return s;
}
