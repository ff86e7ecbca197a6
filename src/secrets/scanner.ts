/**
 * The scanning engine: one pass of the keyword prefilter over a file's text picks candidate lines;
 * only there do the rules whose keywords occur run their regexes (or the assignment scanner). Very
 * long lines (minified bundles) are looked at in windows around each keyword hit, so no rule ever
 * runs on more than a bounded slice per hit.
 */
import { CompiledRules, type CompiledRule, type ScannerConfig } from './compiled-rule.js';
import { findAssignments, type Assignment } from './assignment.js';
import { fileKind, type FileKind } from './file-kind.js';
import { looksPublic } from './value-checks.js';
import { scanKubernetesSecrets } from './kubernetes.js';
import { unescapeNotebook } from './notebook.js';
import { LONG_LINE } from './line-shape.js';

export interface SecretMatch {
  ruleId: string;
  description: string;
  line: number;
  column: number;
  /** The raw value. Never leaves the scanner unredacted: see redact.ts. */
  secret: string;
  live: boolean;
  severity: CompiledRule['severity'];
  /** In a test folder and not a live provider format: reported at low severity, not scored. */
  fixture: boolean;
  /** The adjacent finding that completes this credential (AWS key id + secret). */
  pair?: { ruleId: string; description: string; line: number };
  /** Lower wins when several rules match one line. */
  rank: number;
}

const WINDOW = 512;
const MAX_KEYWORDS_PER_LINE = 32;
const MAX_ASSIGNMENTS_PER_LINE = 8;

export class SecretScanner {
  readonly compiled: CompiledRules;

  constructor(config: ScannerConfig) {
    this.compiled = new CompiledRules(config);
  }

  scan(text: string, path: string): SecretMatch[] {
    const kind = fileKind(path);
    const source = kind.notebook ? unescapeNotebook(text) : text;
    const found: SecretMatch[] = [];
    this.scanLines(source, kind, found);
    if (!kind.generated && /\.ya?ml$/i.test(path) && /^kind:[ \t]{0,8}["']?Secret\b/m.test(source)) {
      const k8s = this.compiled.rules.find((r) => r.kind === 'kubernetes');
      if (k8s) {
        const { matches, ranges } = scanKubernetesSecrets(source, k8s, this, kind);
        const inSecret = (line: number) => ranges.some(([a, b]) => line >= a && line <= b);
        found.splice(0, found.length, ...found.filter((m) => !(inSecret(m.line) && m.ruleId !== k8s.id && !m.live)), ...matches);
      }
    }
    return this.settle(found);
  }

  /** One finding per line (the most specific rule), paired credentials named. */
  settle(found: SecretMatch[]): SecretMatch[] {
    return this.pairUp(onePerLine(found));
  }

  /**
   * Runs the line engine over `text`, pushing matches; used for files and decoded secret values.
   * Line numbers are counted only up to lines that matched: most candidate lines do not.
   */
  scanLines(text: string, kind: FileKind, out: SecretMatch[], lineOffset = 0): void {
    const index = this.compiled.index;
    let lineStart = 0;
    let lineEnd = -1;
    let countedAt = 0;
    let countedLine = 1;
    let at = index.find(text, 0);
    while (at !== -1) {
      if (at > lineEnd) {
        lineStart = text.lastIndexOf('\n', at - 1) + 1;
        lineEnd = text.indexOf('\n', at);
        if (lineEnd === -1) lineEnd = text.length;
      }
      let from = lineStart;
      let to = lineEnd;
      if (lineEnd - lineStart > LONG_LINE) {
        from = Math.max(lineStart, at - WINDOW);
        to = Math.min(lineEnd, at + WINDOW);
      }
      // every keyword on this line (or window) picks the rules to run there
      const words = [index.keyword];
      const offsets = [at - from];
      for (at = index.find(text, at + index.keyword.length); at !== -1 && at < to; at = index.find(text, at + index.keyword.length)) {
        // past a few dozen keywords a line is data, not code: its words still pick rules
        if (words.length < MAX_KEYWORDS_PER_LINE) {
          words.push(index.keyword);
          offsets.push(at - from);
        }
      }
      const before = out.length;
      this.scanLine(text, from, to, lineStart, words, offsets, kind, out);
      if (out.length > before) {
        for (let i = text.indexOf('\n', countedAt); i !== -1 && i < lineStart; i = text.indexOf('\n', i + 1)) countedLine++;
        countedAt = lineStart;
        for (let i = before; i < out.length; i++) out[i].line = countedLine + lineOffset;
      }
    }
  }

  private scanLine(text: string, from: number, to: number, lineStart: number, words: string[], offsets: number[], kind: FileKind, out: SecretMatch[]): void {
    const slice = text.slice(from, to);
    let lower: string | null = null;
    let assignments: Assignment[] | null = null;
    const { compiled } = this;
    for (const { rule, verify } of compiled.rulesFor(words)) {
      if (verify) {
        lower ??= slice.toLowerCase();
        if (!rule.keywords.some((k) => lower!.includes(k))) continue;
      }
      if (rule.kind === 'assignment') {
        if (kind.generated) continue;
        // more than a few assignments of secret-named keys in one line is data (or an attack)
        assignments ??= findAssignments(slice, offsets.slice(0, MAX_ASSIGNMENTS_PER_LINE), kind.bareValues);
        for (const a of assignments) {
          if (!rule.keyRe!.test(a.key) || rule.excludeRe?.test(a.key)) continue;
          if (!compiled.acceptsValue(rule, a.value) || looksPublic(a.value, { exampleFile: kind.example, key: a.key })) continue;
          out.push(this.match(rule, a.value, 0, from - lineStart + a.index, kind));
        }
        continue;
      }
      // multi-line rules (private key blocks) read on from the line start
      const subject = rule.window ? text.slice(lineStart, lineStart + rule.window) : slice;
      const base = rule.window ? 0 : from - lineStart;
      const re = rule.re!;
      re.lastIndex = 0;
      for (let m = re.exec(subject); m !== null; m = re.exec(subject)) {
        if (m[0].length === 0) re.lastIndex++;
        const span = m.indices?.groups?.secret ?? m.indices![0];
        const value = subject.slice(span[0], span[1]);
        if (!compiled.acceptsValue(rule, value)) continue;
        if (rule.kind === 'connection' && !connectionCredential(m.groups ?? {}, value)) continue;
        out.push(this.match(rule, value, 0, base + span[0], kind));
        if (rule.window) break;
      }
    }
  }

  match(rule: CompiledRule, secret: string, line: number, offset: number, kind: FileKind): SecretMatch {
    return {
      ruleId: rule.id,
      description: rule.description,
      line,
      column: offset + 1,
      secret,
      live: rule.live,
      severity: rule.severity,
      fixture: kind.test && !rule.live,
      rank: rule.rank,
    };
  }

  /** Names the other half of a paired credential found within two lines. */
  private pairUp(matches: SecretMatch[]): SecretMatch[] {
    for (const m of matches) {
      const partner = this.compiled.rules.find((r) => r.id === m.ruleId)?.pairsWith;
      if (!partner) continue;
      const other = matches.find((o) => o.ruleId === partner && o !== m && Math.abs(o.line - m.line) <= 2);
      if (other) m.pair = { ruleId: other.ruleId, description: other.description, line: other.line };
    }
    return matches;
  }
}

const PLACEHOLDER_HOSTS = /^(?:host|hostname|server|example\.(?:com|org|net)|[a-z-]*\.example\.(?:com|org|net)|your[-_.a-z]*|db-host|dbhost)$/i;

/** A URL's password is a credential unless it repeats the user (`postgres:postgres`) or the URL is a template. */
function connectionCredential(groups: Record<string, string | undefined>, password: string): boolean {
  if (groups.user && groups.user.toLowerCase() === password.toLowerCase()) return false;
  if (groups.host && PLACEHOLDER_HOSTS.test(groups.host)) return false;
  return true;
}

/** Reported once per line: the most specific rule wins (fixed formats before generic ones). */
function onePerLine(matches: SecretMatch[]): SecretMatch[] {
  const byLine = new Map<number, SecretMatch>();
  for (const m of matches) {
    const seen = byLine.get(m.line);
    if (!seen || m.rank < seen.rank) byLine.set(m.line, m);
  }
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}
