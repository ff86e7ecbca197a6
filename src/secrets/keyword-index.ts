/**
 * The prefilter: finds where any rule keyword occurs, case-insensitively, in one pass over the
 * text. A regex alternation of ~80 literals makes V8 try a match at almost every position (every
 * letter starts some keyword); instead a rolling code of the last three characters indexes a
 * table of keyword starts, and only the few positions whose three characters begin a keyword are
 * compared in full. Several times faster than the alternation on real code.
 */
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

function lowerCode(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

export class KeywordIndex {
  /** Three-character code → 1 + index into `buckets`; 0: no keyword starts so. */
  private readonly table = new Uint16Array(MASK + 1);
  /** The same as one bit per code: 32 KB that stay in the L1 cache, tested for every character. */
  private readonly starts = new Uint8Array((MASK + 1) >> 3);
  private readonly buckets: string[][] = [];
  /** The keyword of the last hit returned by `find`. */
  keyword = '';
  /** Every keyword is ASCII, so `candidateLines` over UTF-8 finds the lines `find` finds in the decoded text. */
  readonly ascii: boolean;

  constructor(keywords: readonly string[]) {
    this.ascii = keywords.every((k) => /^[\x20-\x7e]*$/.test(k));
    for (const raw of keywords) {
      const k = raw.toLowerCase();
      if (k.length < 3) throw new Error(`keyword "${raw}" is shorter than 3 characters`);
      let code = 0;
      for (let i = 0; i < 3; i++) code = ((code << BITS) | CLASS[k.charCodeAt(i)]) & MASK;
      let slot = this.table[code];
      if (slot === 0) {
        this.buckets.push([]);
        slot = this.buckets.length;
        this.table[code] = slot;
        this.starts[code >> 3] |= 1 << (code & 7);
      }
      this.buckets[slot - 1].push(k);
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
   * excluded): the worker scan decodes only those lines. The whole file goes through this one
   * small method over typed arrays, so V8 keeps it optimised; once a line has a hit the rest of it
   * is skipped, since the line engine looks at whole lines anyway. Only meaningful when `ascii`.
   */
  candidateLines(bytes: Uint8Array): number[] {
    const out: number[] = [];
    const n = bytes.length;
    const starts = this.starts;
    let code = 0;
    /** Where the unread part begins: after the last candidate line. */
    let rest = 0;
    let i = 0;
    while (i < n) {
      // the hot loop: a byte, its class, the rolling code, one bit test; nothing else
      for (; i < n; i++) {
        code = ((code << BITS) | BYTE_CLASS[bytes[i]]) & MASK;
        if ((starts[code >> 3] & (1 << (code & 7))) !== 0) break;
      }
      if (i >= n) break;
      let start = i - 2;
      // a keyword never holds '\n', so a verified hit lies within one line
      if (start >= rest && this.verifyBytes(bytes, start, this.table[code])) {
        while (start > rest && bytes[start - 1] !== NEWLINE) start--;
        let end = i + 1;
        while (end < n && bytes[end] !== NEWLINE) end++;
        out.push(start, end);
        i = end;
        rest = end + 1;
        code = 0;
      }
      i++;
    }
    return out;
  }

  private verifyBytes(bytes: Uint8Array, start: number, slot: number): boolean {
    for (const k of this.buckets[slot - 1]) {
      if (start + k.length > bytes.length) continue;
      let j = 0;
      while (j < k.length && lowerCode(bytes[start + j]) === k.charCodeAt(j)) j++;
      if (j === k.length) return true;
    }
    return false;
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
