/**
 * A rule ready to run: regexes compiled once, keywords lower-cased for the prefilter, and the
 * value tests every kind shares (allow-patterns, placeholders, entropy floor).
 */
import type { Severity } from '../engine/check-api.js';
import type { RuleKind, RuleSpec, RuleSet } from './rules.js';
import { Placeholders, entropy } from './value-checks.js';
import { KeywordIndex } from './keyword-index.js';
import { LineGate, type KeywordRules } from './line-gate.js';

export interface CompiledRule {
  id: string;
  description: string;
  kind: RuleKind;
  keywords: string[];
  /** Global + hasIndices, so the `secret` group's offset is known. */
  re: RegExp | null;
  allow: RegExp[];
  entropy: number;
  live: boolean;
  window: number;
  severity: Severity;
  pairsWith: string | null;
  keyRe: RegExp | null;
  excludeRe: RegExp | null;
  minLength: number;
  maxLength: number;
  /** Lower wins when two rules match one line: fixed formats before generic assignments. */
  rank: number;
}

const KIND_RANK: Record<RuleKind, number> = { pattern: 0, connection: 1, kubernetes: 2, assignment: 3 };

export function compileRule(spec: RuleSpec, order: number): CompiledRule {
  const kind = spec.kind ?? 'pattern';
  return {
    id: spec.id,
    description: spec.description,
    kind,
    keywords: spec.keywords.map((k) => k.toLowerCase()),
    re: spec.pattern ? new RegExp(spec.pattern, `gd${spec.flags ?? ''}`) : null,
    allow: (spec.allow ?? []).map((a) => new RegExp(a, spec.flags ?? '')),
    entropy: spec.entropy ?? 0,
    live: spec.live ?? false,
    window: spec.window ?? 0,
    severity: spec.severity ?? 'critical',
    pairsWith: spec.pairsWith ?? null,
    keyRe: spec.keyPattern ? new RegExp(spec.keyPattern) : null,
    excludeRe: spec.keyExclude ? new RegExp(spec.keyExclude) : null,
    minLength: spec.minLength ?? 1,
    maxLength: spec.maxLength ?? 4096,
    rank: KIND_RANK[kind] * 1000 + order,
  };
}

export interface RuleChoice {
  rule: CompiledRule;
  verify: boolean;
}

/** Everything the scanner needs, built once per run and sent as plain data to worker threads. */
export interface ScannerConfig {
  ruleSet: RuleSet;
  /** Extra allow-patterns for values, from the check's `allowValues` option. */
  allowValues: string[];
}

export class CompiledRules {
  readonly rules: CompiledRule[];
  readonly placeholders: Placeholders;
  readonly allowValues: RegExp[];
  /** Every keyword, found in one cheap pass that picks the candidate lines. */
  readonly index: KeywordIndex;
  /** Which of those lines the byte scan decodes: those where some rule could match. */
  readonly gate: LineGate;
  /** The most characters a multi-line rule reads from its line's start (0: none has a window). */
  readonly maxWindow: number;
  private readonly windowKeywords: RegExp | null;
  private readonly byKeyword = new Map<string, CompiledRule[]>();
  private readonly choices = new Map<string, RuleChoice[]>();

  constructor(config: ScannerConfig) {
    this.rules = config.ruleSet.rules.map(compileRule);
    this.placeholders = new Placeholders(config.ruleSet.placeholders);
    this.allowValues = config.allowValues.map((a) => new RegExp(a));
    const words = [...new Set(this.rules.filter((r) => r.kind !== 'kubernetes').flatMap((r) => r.keywords))];
    // A keyword containing another adds nothing to the prefilter (`aws_secret` ⊃ `secret`): the
    // shorter one finds the line, and each rule then checks its own keywords there.
    const minimal = words.filter((w) => !words.some((o) => o !== w && w.includes(o)));
    for (const k of minimal) this.byKeyword.set(k, this.rules.filter((r) => r.kind !== 'kubernetes' && r.keywords.some((rk) => rk.includes(k))));
    this.index = new KeywordIndex(minimal);
    // connection rules are told apart by the URL shape only while each one's pattern spells `://`
    const urlShape = this.rules.every((r) => r.kind !== 'connection' || r.re!.source.includes('://') || r.re!.source.includes(':\\/\\/'));
    this.gate = new LineGate(this.index, minimal.map((k) => this.gateFacts(k)), urlShape);
    const windowed = this.rules.filter((r) => r.window > 0);
    this.maxWindow = Math.max(0, ...windowed.map((r) => r.window));
    const escaped = windowed.flatMap((r) => r.keywords).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.windowKeywords = escaped.length ? new RegExp(escaped.join('|'), 'i') : null;
  }

  private gateFacts(keyword: string): KeywordRules {
    const picked = this.byKeyword.get(keyword)!;
    // a provider-format rule picked through a longer keyword of its own runs only where that one is
    const throughLonger = picked.filter((r) => r.kind === 'pattern' && !r.keywords.includes(keyword));
    return {
      kinds: new Set(picked.filter((r) => !throughLonger.includes(r)).map((r) => r.kind)),
      // a longer keyword without this one in it has its own prefilter keyword, which picks the rule
      verifyWords: throughLonger.flatMap((r) => r.keywords).filter((k) => k.includes(keyword)),
    };
  }

  /** Whether a multi-line rule may start on these lines, so they must be read with what follows. */
  needsWindow(lines: string): boolean {
    return this.windowKeywords !== null && this.windowKeywords.test(lines);
  }

  /**
   * The rules that a line's prefilter keywords (lower-case) can concern, in rule order; `verify`
   * when the line must still be checked for one of the rule's own keywords (it was picked through
   * a shorter keyword inside them). Cached: lines repeat the same few keyword sets.
   */
  rulesFor(keywords: readonly string[]): RuleChoice[] {
    const key = keywords.length === 1 ? keywords[0] : keywords.join('\0');
    let hit = this.choices.get(key);
    if (!hit) {
      const picked = new Set(keywords.flatMap((k) => this.byKeyword.get(k) ?? []));
      hit = this.rules.filter((r) => picked.has(r)).map((rule) => ({ rule, verify: !keywords.some((k) => rule.keywords.includes(k)) }));
      if (this.choices.size < 4096) this.choices.set(key, hit);
    }
    return hit;
  }

  /** The value tests shared by every rule kind. */
  acceptsValue(rule: CompiledRule, value: string): boolean {
    if (value.length < rule.minLength || value.length > rule.maxLength) return false;
    if (rule.allow.some((a) => a.test(value)) || this.allowValues.some((a) => a.test(value))) return false;
    if (this.placeholders.matches(value, rule.live, rule.window > 0)) return false;
    return entropy(value) >= rule.entropy;
  }
}
