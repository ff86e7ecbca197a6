/**
 * PEP 440 versions: parsing (with every normalisation the PEP permits), canonical form and total
 * ordering. Written as a scanner rather than one large regex so each rule of the PEP is visible and
 * no input can make it backtrack. Numbers are kept as decimal strings: PEP 440 puts no bound on them.
 */

export type PreKind = 'a' | 'b' | 'rc';

export interface Pep440Version {
  epoch: string;
  release: string[];
  pre: { kind: PreKind; n: string } | null;
  post: string | null;
  dev: string | null;
  local: string[] | null;
}

const PRE_SPELLINGS: Array<[string, PreKind]> = [
  ['preview', 'rc'],
  ['alpha', 'a'],
  ['beta', 'b'],
  ['pre', 'rc'],
  ['rc', 'rc'],
  ['a', 'a'],
  ['b', 'b'],
  ['c', 'rc'],
];
const POST_SPELLINGS = ['post', 'rev', 'r'];
const MAX_LENGTH = 256;

class Scanner {
  i = 0;
  constructor(readonly s: string) {}
  get done(): boolean {
    return this.i >= this.s.length;
  }
  peek(): string {
    return this.s[this.i] ?? '';
  }
  digits(): string | null {
    const start = this.i;
    while (this.i < this.s.length && this.s.charCodeAt(this.i) >= 48 && this.s.charCodeAt(this.i) <= 57) this.i++;
    return this.i > start ? normalizeNumber(this.s.slice(start, this.i)) : null;
  }
  word(options: readonly string[]): string | null {
    for (const w of options) {
      if (this.s.startsWith(w, this.i)) {
        this.i += w.length;
        return w;
      }
    }
    return null;
  }
  separator(): boolean {
    const c = this.peek();
    if (c === '.' || c === '-' || c === '_') {
      this.i++;
      return true;
    }
    return false;
  }
}

function normalizeNumber(digits: string): string {
  let k = 0;
  while (k < digits.length - 1 && digits[k] === '0') k++;
  return digits.slice(k);
}

/** Parses any spelling PEP 440 accepts ("V1.0-Alpha.1", "1.0-1", "1.0+ubuntu_1"); null if invalid. */
export function parsePep440(input: string): Pep440Version | null {
  const text = input.trim().toLowerCase();
  if (text.length === 0 || text.length > MAX_LENGTH) return null;
  const sc = new Scanner(text);
  if (sc.peek() === 'v') sc.i++;

  let epoch = '0';
  const first = sc.digits();
  if (first === null) return null;
  const release = [first];
  if (sc.peek() === '!') {
    sc.i++;
    epoch = first;
    const r = sc.digits();
    if (r === null) return null;
    release[0] = r;
  }
  while (sc.peek() === '.' && /[0-9]/.test(text[sc.i + 1] ?? '')) {
    sc.i++;
    release.push(sc.digits()!);
  }

  const pre = scanPre(sc);
  const post = scanPost(sc);
  const dev = scanDev(sc);
  let local: string[] | null = null;
  if (sc.peek() === '+') {
    sc.i++;
    local = scanLocal(sc);
    if (local === null) return null;
  }
  return sc.done ? { epoch, release, pre, post, dev, local } : null;
}

function scanPre(sc: Scanner): Pep440Version['pre'] {
  const start = sc.i;
  sc.separator();
  const spelled = sc.word(PRE_SPELLINGS.map(([w]) => w));
  if (spelled === null) {
    sc.i = start;
    return null;
  }
  const kind = PRE_SPELLINGS.find(([w]) => w === spelled)![1];
  const beforeNumber = sc.i;
  sc.separator();
  const n = sc.digits();
  if (n === null) sc.i = beforeNumber;
  return { kind, n: n ?? '0' };
}

function scanPost(sc: Scanner): string | null {
  const start = sc.i;
  // "1.0-1": a dash followed directly by a number is an implicit post-release
  if (sc.peek() === '-') {
    sc.i++;
    const n = sc.digits();
    if (n !== null) return n;
    sc.i = start;
  }
  sc.separator();
  if (sc.word(POST_SPELLINGS) === null) {
    sc.i = start;
    return null;
  }
  const beforeNumber = sc.i;
  sc.separator();
  const n = sc.digits();
  if (n === null) sc.i = beforeNumber;
  return n ?? '0';
}

function scanDev(sc: Scanner): string | null {
  const start = sc.i;
  sc.separator();
  if (sc.word(['dev']) === null) {
    sc.i = start;
    return null;
  }
  const beforeNumber = sc.i;
  sc.separator();
  const n = sc.digits();
  if (n === null) sc.i = beforeNumber;
  return n ?? '0';
}

function scanLocal(sc: Scanner): string[] | null {
  const parts: string[] = [];
  let current = '';
  while (!sc.done) {
    const c = sc.peek();
    if (c === '.' || c === '-' || c === '_') {
      if (current === '') return null;
      parts.push(current);
      current = '';
    } else if (/[a-z0-9]/.test(c)) {
      current += c;
    } else {
      return null;
    }
    sc.i++;
  }
  if (current === '') return null;
  parts.push(current);
  return parts.map((p) => (/^[0-9]+$/.test(p) ? normalizeNumber(p) : p));
}

/** The canonical spelling ("1.0a0", "1.0.post1", "1!2.0+ubuntu.1"). */
export function formatPep440(v: Pep440Version): string {
  let out = v.epoch !== '0' ? `${v.epoch}!` : '';
  out += v.release.join('.');
  if (v.pre) out += `${v.pre.kind}${v.pre.n}`;
  if (v.post !== null) out += `.post${v.post}`;
  if (v.dev !== null) out += `.dev${v.dev}`;
  if (v.local) out += `+${v.local.join('.')}`;
  return out;
}

export function normalizePep440(input: string): string | null {
  const v = parsePep440(input);
  return v ? formatPep440(v) : null;
}

function compareNumbers(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const PRE_RANK: Record<PreKind, number> = { a: 0, b: 1, rc: 2 };

/**
 * Where the pre-release part sorts: a dev release of a final version ("1.0.dev1") sorts before every
 * pre-release of it, and a final or post release after them.
 */
function preKey(v: Pep440Version): [number, number, string] {
  if (v.pre) return [1, PRE_RANK[v.pre.kind], v.pre.n];
  if (v.post === null && v.dev !== null) return [0, 0, '0'];
  return [2, 0, '0'];
}

function compareLocal(a: string[] | null, b: string[] | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const an = /^[0-9]+$/.test(a[i]);
    const bn = /^[0-9]+$/.test(b[i]);
    // a numeric segment always sorts after an alphanumeric one
    const c = an && bn ? compareNumbers(a[i], b[i]) : an !== bn ? (an ? 1 : -1) : a[i] < b[i] ? -1 : a[i] > b[i] ? 1 : 0;
    if (c !== 0) return c;
  }
  return Math.sign(a.length - b.length);
}

export function comparePep440(a: Pep440Version, b: Pep440Version): number {
  let c = compareNumbers(a.epoch, b.epoch);
  if (c !== 0) return c;
  // trailing zeros are insignificant: 1.0 == 1.0.0
  for (let i = 0; i < Math.max(a.release.length, b.release.length); i++) {
    c = compareNumbers(a.release[i] ?? '0', b.release[i] ?? '0');
    if (c !== 0) return c;
  }
  const pa = preKey(a);
  const pb = preKey(b);
  c = pa[0] - pb[0] || pa[1] - pb[1] || compareNumbers(pa[2], pb[2]);
  if (c !== 0) return c;
  // no post-release sorts first; no dev-release sorts last
  if (a.post !== b.post) {
    if (a.post === null) return -1;
    if (b.post === null) return 1;
    c = compareNumbers(a.post, b.post);
    if (c !== 0) return c;
  }
  if (a.dev !== b.dev) {
    if (a.dev === null) return 1;
    if (b.dev === null) return -1;
    c = compareNumbers(a.dev, b.dev);
    if (c !== 0) return c;
  }
  return compareLocal(a.local, b.local);
}

export function isPep440Prerelease(v: Pep440Version): boolean {
  return v.pre !== null || v.dev !== null;
}
