/**
 * The prefilter: finds where any rule keyword occurs, case-insensitively. A regex alternation of
 * ~90 literals makes V8 try a match at almost every position (every letter starts some keyword).
 * Over decoded text (`find`), a rolling code of the last three characters indexes a table of
 * keyword starts, and only positions whose three characters begin a keyword are compared in full.
 * Over raw bytes (`candidateLines`, most of a large tree), two bytes are read at a time: each
 * keyword is represented by its rarest aligned byte pairs, one for an even and one for an odd
 * start, so every occurrence contains one of them; only a pair that stands for some keyword, with
 * the byte beside it that keyword has, leads to the three-character table and a full comparison.
 */
import { PAIR_FREQUENCY, RARE_PAIR } from './pair-frequency.js';
import { lowerEquals } from './line-shape.js';

const BITS = 6;
const MASK = (1 << (3 * BITS)) - 1;

/** Character → 6-bit class: letters fold case; characters that occur in no keyword share 0. */
const CLASS = new Uint8Array(65536);
for (let c = 0; c < 26; c++) {
  CLASS[97 + c] = 1 + c;
  CLASS[65 + c] = 1 + c;
}
for (let d = 0; d < 10; d++) CLASS[48 + d] = 27 + d;
[...'_-.:/ "=\'@+$#!%&*,;<>?[]{}()|\\~`^'].forEach((ch, i) => (CLASS[ch.charCodeAt(0)] = 37 + i));

/** The same classes for bytes: every byte of a multi-byte UTF-8 character is in class 0, as its character is. */
const BYTE_CLASS = CLASS.slice(0, 256);
const NEWLINE = 10;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Where the pair (a, b), a first in memory, falls in `pairs`: as a 16-bit read of it folds. */
function pairIndex(a: number, b: number): number {
  return ((LITTLE_ENDIAN ? a | (b << 8) : (a << 8) | b) | 0x2020) & 0x7f7f;
}

function pairCost(keyword: string, j: number): number {
  return PAIR_FREQUENCY[keyword.slice(j, j + 2)] ?? RARE_PAIR;
}

function lowerCode(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

export class KeywordIndex {
  /** Three-character code → 1 + index into `buckets`; 0: no keyword starts so. */
  private readonly table = new Uint16Array(MASK + 1);
  /** The same as one bit per code: 32 KB that stay in the L1 cache. */
  private readonly starts = new Uint8Array((MASK + 1) >> 3);
  /**
   * Byte pair → bit j set when some keyword is represented by its pair at offset j, indexed as
   * `candidateLines` reads pairs (a 16-bit word, both bytes case-folded and cut to 7 bits; other
   * bytes alias onto these only to be rejected by the full comparison).
   */
  private readonly pairs = new Uint16Array(0x8000);
  /**
   * The second test of a pair: the byte just after it, or just before, as some keyword the pair
   * stands for has it there (case-folded). Per pair that stands for any keyword (`slot`), 256 bits.
   */
  private readonly slot = new Uint8Array(0x8000);
  private readonly after = new Uint32Array(256 * 8);
  private readonly before = new Uint32Array(256 * 8);
  private slots = 0;
  private readonly buckets: string[][] = [];
  /** For each bucket entry, its keyword's position in the constructor's list. */
  private readonly bucketIds: number[][] = [];
  /** The keyword of the last hit returned by `find`. */
  keyword = '';
  /** The position (in the constructor's list) of the keyword of the last hit `nextHit` returned. */
  hitId = -1;
  /** Every keyword is ASCII, so `candidateLines` over UTF-8 finds the lines `find` finds in the decoded text. */
  readonly ascii: boolean;

  /** The keywords, lower-cased, in the order given: `hitId` indexes this. */
  readonly keywords: readonly string[];

  constructor(keywords: readonly string[]) {
    this.keywords = keywords.map((k) => k.toLowerCase());
    this.ascii = keywords.every((k) => /^[\x20-\x7e]*$/.test(k));
    for (const [id, raw] of keywords.entries()) {
      const k = raw.toLowerCase();
      if (k.length < 3) throw new Error(`keyword "${raw}" is shorter than 3 characters`);
      let code = 0;
      for (let i = 0; i < 3; i++) code = ((code << BITS) | CLASS[k.charCodeAt(i)]) & MASK;
      let slot = this.table[code];
      if (slot === 0) {
        this.buckets.push([]);
        this.bucketIds.push([]);
        slot = this.buckets.length;
        this.table[code] = slot;
        this.starts[code >> 3] |= 1 << (code & 7);
      }
      this.buckets[slot - 1].push(k);
      this.bucketIds[slot - 1].push(id);
      // every occurrence covers an aligned pair at an even or an odd offset into the keyword,
      // whichever its start is: for each, the rarest pair stands for the keyword
      for (let parity = 0; parity < 2; parity++) {
        let best = parity;
        for (let j = parity + 2; j + 1 < k.length && j < 16; j += 2) if (pairCost(k, j) < pairCost(k, best)) best = j;
        const pair = pairIndex(k.charCodeAt(best), k.charCodeAt(best + 1));
        this.pairs[pair] |= 1 << best;
        if (this.slot[pair] === 0) {
          if (this.slots === 255) throw new Error('too many keyword pairs for the prefilter');
          this.slot[pair] = ++this.slots;
        }
        // every keyword of three or more bytes has a byte after its pair or one before it
        const [bits, at] = best + 2 < k.length ? [this.after, best + 2] : [this.before, best - 1];
        const c = k.charCodeAt(at) | 0x20;
        bits[this.slot[pair] * 8 + (c >> 5)] |= 1 << (c & 31);
      }
    }
  }

  /** Index of the next keyword occurrence at or after `from` (its keyword in `keyword`), or -1. */
  find(text: string, from: number): number {
    const n = text.length;
    if (from + 3 > n) return -1;
    const starts = this.starts;
    let code = ((CLASS[text.charCodeAt(from)] << BITS) | CLASS[text.charCodeAt(from + 1)]) & MASK;
    let i = from + 2;
    while (i < n) {
      // the hot loop: kept tiny so that V8 compiles it to a few instructions per character
      for (; i < n; i++) {
        code = ((code << BITS) | CLASS[text.charCodeAt(i)]) & MASK;
        if ((starts[code >> 3] & (1 << (code & 7))) !== 0) break;
      }
      if (i >= n) return -1;
      const keyword = this.verify(text, i - 2, this.table[code]);
      if (keyword !== null) {
        this.keyword = keyword;
        return i - 2;
      }
      i++;
    }
    return -1;
  }

  /**
   * The lines of UTF-8 `bytes` where a keyword occurs, as [start, end) byte offsets ('\n'
   * excluded): the byte scan decodes only those lines. The whole file goes through this one
   * small method over typed arrays, so V8 keeps it optimised; once a line is taken the rest of it
   * is skipped, since the line engine looks at whole lines anyway. Only meaningful when `ascii`.
   */
  candidateLines(bytes: Uint8Array): number[] {
    // 16-bit reads need an even offset; a copy has the same byte positions
    const b = (bytes.byteOffset & 1) === 0 ? bytes : new Uint8Array(bytes);
    const out: number[] = [];
    const n = b.length;
    const words = new Uint16Array(b.buffer, b.byteOffset, n >> 1);
    const m = words.length;
    const { pairs, slot, after, before, starts, table } = this;
    /** Where the unread part begins: after the last line taken. */
    let rest = 0;
    let k = 0;
    while (k < m) {
      // the hot loop, two bytes at a time: the next word whose pair some keyword stands for
      for (; k < m; k++) if (pairs[(words[k] | 0x2020) & 0x7f7f] !== 0) break;
      if (k >= m) break;
      const p = 2 * k;
      const word = (words[k] | 0x2020) & 0x7f7f;
      // the byte after the pair, or the one before, must be one some keyword has there
      const next = p + 2 < n ? b[p + 2] | 0x20 : 0;
      const prev = p > 0 ? b[p - 1] | 0x20 : 0;
      const base = slot[word] * 8;
      if ((after[base + (next >> 5)] & (1 << (next & 31))) === 0 && (before[base + (prev >> 5)] & (1 << (prev & 31))) === 0) {
        k++;
        continue;
      }
      // a keyword this pair stands for starts j bytes before it, for some j of the pair's bits
      let start = -1;
      for (let bits = pairs[word]; bits !== 0; ) {
        const j = 31 - Math.clz32(bits);
        bits ^= 1 << j;
        const s = p - j;
        if (s < rest || s + 3 > n) continue;
        const code = (BYTE_CLASS[b[s]] << (2 * BITS)) | (BYTE_CLASS[b[s + 1]] << BITS) | BYTE_CLASS[b[s + 2]];
        if ((starts[code >> 3] & (1 << (code & 7))) !== 0 && this.verifyBytes(b, s, table[code]) >= 0) {
          start = s;
          break;
        }
      }
      if (start === -1) {
        k++;
        continue;
      }
      // a keyword never holds '\n', so the hit lies within one line
      while (start > rest && b[start - 1] !== NEWLINE) start--;
      let end = p + 2;
      while (end < n && b[end] !== NEWLINE) end++;
      out.push(start, end);
      rest = end + 1;
      k = rest >> 1;
    }
    return out;
  }

  /**
   * Start of the first keyword occurrence in bytes [from, to), its keyword's position in
   * `hitId`; -1 when there is none. For looking at one line's keywords (the gate), not files.
   */
  nextHit(bytes: Uint8Array, from: number, to: number): number {
    const starts = this.starts;
    let code = 0;
    for (let i = from; i < to; i++) {
      code = ((code << BITS) | BYTE_CLASS[bytes[i]]) & MASK;
      if (i - from < 2 || (starts[code >> 3] & (1 << (code & 7))) === 0) continue;
      const id = this.verifyBytes(bytes, i - 2, this.table[code]);
      if (id >= 0) {
        this.hitId = id;
        return i - 2;
      }
    }
    return -1;
  }

  /** The id of the keyword at `start` among those of `slot`, or -1. */
  private verifyBytes(bytes: Uint8Array, start: number, slot: number): number {
    const bucket = this.buckets[slot - 1];
    for (let b = 0; b < bucket.length; b++) if (lowerEquals(bytes, start, bucket[b])) return this.bucketIds[slot - 1][b];
    return -1;
  }

  private verify(text: string, start: number, slot: number): string | null {
    for (const k of this.buckets[slot - 1]) {
      if (start + k.length > text.length) continue;
      let j = 0;
      while (j < k.length && lowerCode(text.charCodeAt(start + j)) === k.charCodeAt(j)) j++;
      if (j === k.length) return k;
    }
    return null;
  }
}
