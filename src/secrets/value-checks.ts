/**
 * What makes a matched value not a secret: a placeholder or a reference to where the real value
 * lives (env, config, template), too little randomness, or the shape of something public (hash,
 * UUID, identifier, path, sentence).
 */
import type { PlaceholderSpec } from './rules.js';

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

export class Placeholders {
  private readonly exact: Set<string>;
  private readonly contains: string[];
  private readonly patterns: RegExp[];
  private readonly spelled: string[];
  private readonly valuePatterns: RegExp[];

  constructor(spec: PlaceholderSpec) {
    this.exact = new Set(spec.exact.map((s) => String(s).toLowerCase()));
    this.contains = spec.contains.map((s) => String(s).toLowerCase());
    this.spelled = (spec.spelled ?? []).map((s) => String(s).toLowerCase());
    this.valuePatterns = (spec.valuePatterns ?? []).map((p) => new RegExp(p));
    this.patterns = [...spec.patterns.map((p) => new RegExp(p, 'i')), ...(spec.casePatterns ?? []).map((p) => new RegExp(p))];
  }

  /**
   * `fixedFormat`: the rule is a provider format, whose fixed parts may spell words; `block`: the
   * value is a multi-line key body, where long runs of one character are normal.
   */
  matches(value: string, fixedFormat = false, block = false): boolean {
    const lower = value.toLowerCase();
    if (this.exact.has(lower)) return true;
    for (const c of this.contains) if (lower.includes(c)) return true;
    if (!fixedFormat) for (const c of this.spelled) if (lower.includes(c)) return true;
    if (!block) for (const p of this.valuePatterns) if (p.test(value)) return true;
    for (const p of this.patterns) if (p.test(value)) return true;
    return false;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Words in camelCase, PascalCase, snake or kebab case: a name, not a random value. */
const IDENTIFIER = /^(?:[a-z]{1,30}(?:[A-Z][a-z]{0,30}){0,8}|[A-Z][a-z]{1,30}(?:[A-Z][a-z]{0,30}){0,8}|[a-z]{1,30}(?:[_.-][a-z]{1,30}){1,8}|[A-Z]{1,30}(?:_[A-Z]{1,30}){0,8})$/;
const PATH_LIKE = /^(?:~?\/|\.{1,2}\/|[A-Za-z]:\\)|\.(?:pem|key|crt|cer|p12|pfx|json|ya?ml|txt|env|cfg|conf|ini|jks|keystore)$/i;
const URL_LIKE = /^[a-z][a-z0-9+.-]{1,20}:\/\//i;
const NUMBER = /^[-+]?[0-9]{1,40}(?:\.[0-9]{1,40})?$/;
const DOTTED_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,60}(?:\.[A-Za-z_][A-Za-z0-9_]{0,60}){1,10}(?:\(\))?$/;
const INTEGRITY = /^(?:sha(?:1|256|384|512)|md5)[-:]/i;
/** Several lower-case words: what example files put where a value goes ("your-api-key-goes-here"). */
const WORD_PHRASE = /^[a-z]{2,20}(?:[-_ .][a-z0-9]{1,20}){1,10}$/;

export interface ValueContext {
  /** The value sits in a `*.example` / `*.sample` / `*.template` file. */
  exampleFile: boolean;
  /** The key it was assigned to (generic rules), lower-case. */
  key?: string;
}

/** Shapes that are not secrets whatever their key: the checks generic assignments need. */
export function looksPublic(value: string, ctx: ValueContext): boolean {
  // whitespace or non-ASCII: prose, a label or a translated message, not a generated credential
  if (!/^[\x21-\x7e]+$/.test(value)) return true;
  if (UUID.test(value) || NUMBER.test(value) || INTEGRITY.test(value)) return true;
  if (IDENTIFIER.test(value) || DOTTED_NAME.test(value)) return true;
  if (PATH_LIKE.test(value) || URL_LIKE.test(value)) return true;
  if (ctx.key && value.toLowerCase().replace(/[^a-z0-9]/g, '') === ctx.key.replace(/[^a-z0-9]/g, '')) return true;
  if (ctx.exampleFile && (WORD_PHRASE.test(value) || /^[A-Za-z]+$/.test(value))) return true;
  return false;
}
