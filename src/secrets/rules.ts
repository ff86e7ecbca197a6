/**
 * Secret rules as data. The bundled set lives in `rules.yaml` beside this file (shipped in the
 * package); a rubric or mina.yaml adds rules of the same shape through the check's `rules` option
 * and turns bundled ones off with `disable`, without code. Rules are validated and compiled once.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { Severity } from '../engine/check-api.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { AJV_OPTIONS, precompiledValidator } from '../config/precompiled.js';
import { yamlModule } from '../config/yaml-module.js';

export type RuleKind = 'pattern' | 'assignment' | 'connection' | 'kubernetes';

/** A rule as written in YAML (or passed as an option). */
export interface RuleSpec {
  id: string;
  description: string;
  keywords: string[];
  kind?: RuleKind;
  pattern?: string;
  flags?: string;
  entropy?: number;
  allow?: string[];
  live?: boolean;
  window?: number;
  severity?: Severity;
  pairsWith?: string;
  keyPattern?: string;
  keyExclude?: string;
  minLength?: number;
  maxLength?: number;
}

export interface PlaceholderSpec {
  exact: string[];
  contains: string[];
  patterns: string[];
  casePatterns?: string[];
  /** Substrings that make a value a placeholder unless the rule is a fixed (live) format. */
  spelled?: string[];
  /** Regexes that make a single-line value a placeholder (not applied to multi-line key blocks). */
  valuePatterns?: string[];
}

export interface RuleSet {
  placeholders: PlaceholderSpec;
  rules: RuleSpec[];
}

export const RULES_FILE = path.join(PACKAGE_ROOT, 'src', 'secrets', 'rules.yaml');
/**
 * The build's JSON copy of rules.yaml (scripts/gen-validators.mjs), validated when it was written:
 * JSON.parse is far faster than the YAML parser. It names the hash of the YAML it came from, so an
 * edited rules.yaml is read as YAML again until the next build.
 */
export const RULES_JSON_FILE = path.join(PACKAGE_ROOT, 'dist', 'secret-rules.json');

const ruleSchema = {
  type: 'object',
  required: ['id', 'description', 'keywords'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
    description: { type: 'string', minLength: 1 },
    keywords: { type: 'array', minItems: 1, items: { type: 'string', minLength: 3 } },
    kind: { enum: ['pattern', 'assignment', 'connection', 'kubernetes'] },
    pattern: { type: 'string', minLength: 1 },
    flags: { type: 'string', pattern: '^[imsu]*$' },
    entropy: { type: 'number', minimum: 0, maximum: 8 },
    allow: { type: 'array', items: { type: 'string' } },
    live: { type: 'boolean' },
    window: { type: 'integer', minimum: 1, maximum: 65536 },
    severity: { enum: ['critical', 'high', 'medium', 'low'] },
    pairsWith: { type: 'string' },
    keyPattern: { type: 'string' },
    keyExclude: { type: 'string' },
    minLength: { type: 'integer', minimum: 1 },
    maxLength: { type: 'integer', minimum: 1 },
  },
} as const;

/** JSON Schema of one rule, reused by the check's options schema. */
export const RULE_JSON_SCHEMA: Record<string, unknown> = ruleSchema;

const require = createRequire(import.meta.url);
let ruleValidator: ValidateFunction | null = null;

// Compiled on first use, at build time when possible: most runs validate no rule at all.
function validateRule(raw: unknown): boolean {
  if (!ruleValidator) {
    const text = JSON.stringify(ruleSchema);
    ruleValidator = precompiledValidator('rule', text) ?? new (require('ajv') as typeof import('ajv')).Ajv(AJV_OPTIONS.rule).compile(ruleSchema);
  }
  return ruleValidator(raw);
}

let bundled: RuleSet | null = null;

export function bundledRules(): RuleSet {
  if (!bundled) {
    const text = readFileSync(RULES_FILE, 'utf8');
    bundled = builtRules(text) ?? parseRules(text);
  }
  return bundled;
}

/** rules.yaml parsed and every rule checked: the run-time path, and what the build writes as JSON. */
export function parseRules(yamlText: string): RuleSet {
  const data = yamlModule().parse(yamlText) as RuleSet;
  return { placeholders: data.placeholders, rules: data.rules.map((r) => checkRule(r, 'rules.yaml')) };
}

export function rulesSourceHash(yamlText: string): string {
  return createHash('sha256').update(yamlText).digest('hex');
}

function builtRules(yamlText: string): RuleSet | null {
  if (!existsSync(RULES_JSON_FILE)) return null;
  const built = JSON.parse(readFileSync(RULES_JSON_FILE, 'utf8')) as { source?: string; ruleSet?: RuleSet };
  return built.source === rulesSourceHash(yamlText) && built.ruleSet ? built.ruleSet : null;
}

/** The bundled rules less `disable`, plus `extra` (an extra rule with a bundled id replaces it). */
export function effectiveRules(extra: readonly unknown[] = [], disable: readonly string[] = []): RuleSet {
  const base = bundledRules();
  const added = extra.map((r, i) => checkRule(r, `option rules[${i}]`));
  const replaced = new Set(added.map((r) => r.id));
  const off = new Set(disable);
  const rules = [...base.rules.filter((r) => !replaced.has(r.id)), ...added].filter((r) => !off.has(r.id));
  return { placeholders: base.placeholders, rules };
}

/** Validates one rule, including that its regexes compile; throws a message naming the rule. */
export function checkRule(raw: unknown, where: string): RuleSpec {
  if (!validateRule(raw)) {
    const id = (raw as { id?: unknown })?.id;
    throw new Error(`secret rule ${typeof id === 'string' ? id : '?'} (${where}): ${ruleValidator!.errors?.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`);
  }
  const rule = raw as unknown as RuleSpec;
  const kind = rule.kind ?? 'pattern';
  if ((kind === 'pattern' || kind === 'connection') && !rule.pattern) throw new Error(`secret rule ${rule.id} (${where}): a ${kind} rule needs a pattern`);
  if (kind === 'assignment' && !rule.keyPattern) throw new Error(`secret rule ${rule.id} (${where}): an assignment rule needs a keyPattern`);
  for (const source of [rule.pattern, rule.keyPattern, rule.keyExclude, ...(rule.allow ?? [])]) {
    if (source === undefined) continue;
    try {
      new RegExp(source, 'g' + (rule.flags ?? ''));
    } catch (err) {
      throw new Error(`secret rule ${rule.id} (${where}): bad regular expression: ${(err as Error).message}`);
    }
  }
  return rule;
}
