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
import { LONG_LINE, byteSet, lowerEquals } from './line-shape.js';
import { literalAssignedAt } from './byte-assignment.js';

const ANY = 1;
const URL = 2;
const ASSIGNMENT = 4;
/** Feeds provider-format rules only through a longer keyword of theirs, which must be on the line. */
const VERIFY = 8;

const COLON = 0x3a;
const AT = 0x40;
const SLASH = 0x2f;
/** Bytes that end a URL's user part in the connection grammar (ASCII; other bytes read on). */
const USER_STOP = byteSet(":@/ \t\n\v\f\r'\"`<>{}$");
const PASSWORD_STOP = byteSet("@/ \t\n\v\f\r'\"`<>{}");

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

function isAscii(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] >= 0x80) return false;
  return true;
}

function offsetsOf(word: string, keyword: string): number[] {
  const out: number[] = [];
  for (let i = word.indexOf(keyword); i !== -1; i = word.indexOf(keyword, i + 1)) out.push(i);
  return out;
}
