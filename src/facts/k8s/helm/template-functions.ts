/**
 * The Go-template built-ins and Sprig functions that chart templates commonly use (the `helm create`
 * scaffold and most public charts), with Go's printing and truth rules. A function not listed here
 * makes the renderer give up on the template (it is then read as text) rather than guess.
 */
import { createHash } from 'node:crypto';
import semver from 'semver';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { TemplateUnsupported } from './template-syntax.js';

type Fn = (args: unknown[]) => unknown;

/** Go template truth: false, 0, nil, and empty strings, lists and maps are false. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** fmt's %v: missing values print as nothing (Helm drops `<no value>`), lists as `[a b]`, maps as `map[k:v]`. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
  if (typeof v === 'object') return `map[${Object.keys(v).sort().map((k) => `${k}:${formatValue((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  return String(v);
}

const str = (v: unknown) => formatValue(v);
const num = (v: unknown) => (typeof v === 'number' ? v : Number.parseFloat(str(v)) || 0);
const int = (v: unknown) => Math.trunc(num(v));

function compare(op: (a: number | string, b: number | string) => boolean): Fn {
  return ([a, b]) => {
    if (typeof a === 'number' && typeof b === 'number') return op(a, b);
    if (typeof a === 'string' && typeof b === 'string') return op(a, b);
    throw new TemplateUnsupported('comparison of values of different types');
  };
}

function equal(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null) return b === undefined || b === null;
  return a === b;
}

function printf(format: string, args: unknown[]): string {
  let i = 0;
  return format.replace(/%([-+ 0#]?\d{0,3})([svdqtf%])/g, (_m, _flags: string, verb: string) => {
    if (verb === '%') return '%';
    const v = args[i++];
    if (verb === 'q') return JSON.stringify(str(v));
    if (verb === 'd') return String(int(v));
    if (verb === 'f') return num(v).toFixed(6);
    return str(v);
  });
}

function indent(n: unknown, s: unknown): string {
  const pad = ' '.repeat(Math.max(0, Math.min(int(n), 1000)));
  return pad + str(s).replace(/\n/g, `\n${pad}`);
}

function toYaml(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  return stringifyYaml(v, { sortMapEntries: true, lineWidth: 0 }).replace(/\n$/, '');
}

function deepMerge(dst: Record<string, unknown>, src: unknown, overwrite: boolean): Record<string, unknown> {
  if (!src || typeof src !== 'object' || Array.isArray(src)) return dst;
  for (const [k, v] of Object.entries(src)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    const cur = dst[k];
    if (cur && typeof cur === 'object' && !Array.isArray(cur) && v && typeof v === 'object' && !Array.isArray(v)) deepMerge(cur as Record<string, unknown>, v, overwrite);
    else if (overwrite || !(k in dst)) dst[k] = v;
  }
  return dst;
}

const dict = (args: unknown[]) => {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < args.length; i += 2) if (!['__proto__', 'constructor', 'prototype'].includes(str(args[i]))) out[str(args[i])] = args[i + 1];
  return out;
};

export const FUNCTIONS: Record<string, Fn> = {
  default: ([d, v]) => (truthy(v) ? v : d),
  empty: ([v]) => !truthy(v),
  required: ([, v]) => v,
  coalesce: (args) => args.find(truthy),
  ternary: ([a, b, c]) => (truthy(c) ? a : b),
  not: ([v]) => !truthy(v),
  and: (args) => args.find((a) => !truthy(a)) ?? args[args.length - 1],
  or: (args) => args.find(truthy) ?? args[args.length - 1],
  eq: ([a, ...rest]) => rest.some((b) => equal(a, b)),
  ne: ([a, b]) => !equal(a, b),
  lt: compare((a, b) => a < b),
  le: compare((a, b) => a <= b),
  gt: compare((a, b) => a > b),
  ge: compare((a, b) => a >= b),
  quote: (args) => args.filter((a) => a !== undefined && a !== null).map((a) => JSON.stringify(str(a))).join(' '),
  squote: (args) => args.filter((a) => a !== undefined && a !== null).map((a) => `'${str(a)}'`).join(' '),
  print: (args) => args.map(str).join(''),
  printf: ([f, ...args]) => printf(str(f), args),
  toString: (args: unknown[]) => str(args[0]),
  toYaml: ([v]) => toYaml(v),
  toJson: ([v]) => JSON.stringify(v ?? null),
  fromYaml: ([v]) => {
    try {
      return parseYaml(str(v), { maxAliasCount: 100 }) ?? {};
    } catch {
      return {};
    }
  },
  indent: ([n, s]) => indent(n, s),
  nindent: ([n, s]) => `\n${indent(n, s)}`,
  trunc: ([n, s]) => (int(n) >= 0 ? str(s).slice(0, int(n)) : str(s).slice(int(n))),
  trim: ([s]) => str(s).trim(),
  trimSuffix: ([suffix, s]) => (str(s).endsWith(str(suffix)) && str(suffix) ? str(s).slice(0, -str(suffix).length) : str(s)),
  trimPrefix: ([prefix, s]) => (str(s).startsWith(str(prefix)) ? str(s).slice(str(prefix).length) : str(s)),
  replace: ([from, to, s]) => str(s).split(str(from)).join(str(to)),
  upper: ([s]) => str(s).toUpperCase(),
  lower: ([s]) => str(s).toLowerCase(),
  title: ([s]) => str(s).replace(/\b[a-z]/g, (c) => c.toUpperCase()),
  contains: ([sub, s]) => str(s).includes(str(sub)),
  hasPrefix: ([p, s]) => str(s).startsWith(str(p)),
  hasSuffix: ([p, s]) => str(s).endsWith(str(p)),
  join: ([sep, list]) => (Array.isArray(list) ? list.map(str).join(str(sep)) : str(list)),
  splitList: ([sep, s]) => str(s).split(str(sep)),
  int: ([v]) => int(v),
  int64: ([v]) => int(v),
  atoi: ([v]) => int(v),
  float64: ([v]) => num(v),
  add: (args) => args.reduce<number>((a, b) => a + num(b), 0),
  sub: ([a, b]) => num(a) - num(b),
  mul: (args) => args.reduce<number>((a, b) => a * num(b), 1),
  div: ([a, b]) => (num(b) === 0 ? 0 : Math.trunc(num(a) / num(b))),
  max: (args) => Math.max(...args.map(num)),
  min: (args) => Math.min(...args.map(num)),
  len: ([v]) => (typeof v === 'string' || Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0),
  list: (args) => args,
  first: ([l]) => (Array.isArray(l) ? l[0] : undefined),
  last: ([l]) => (Array.isArray(l) ? l[l.length - 1] : undefined),
  has: ([needle, l]) => Array.isArray(l) && l.some((x) => equal(x, needle)),
  keys: (args) => args.flatMap((m) => (m && typeof m === 'object' ? Object.keys(m) : [])),
  sortAlpha: ([l]) => (Array.isArray(l) ? l.map(str).sort() : []),
  dict,
  hasKey: ([m, k]) => !!m && typeof m === 'object' && Object.hasOwn(m, str(k)),
  get: ([m, k]) => (m && typeof m === 'object' && Object.hasOwn(m, str(k)) ? (m as Record<string, unknown>)[str(k)] : ''),
  index: ([m, ...keys]) => keys.reduce<unknown>((cur, k) => (cur && typeof cur === 'object' && Object.hasOwn(cur, str(k)) ? (cur as Record<string, unknown>)[str(k)] : undefined), m),
  merge: ([dst, ...srcs]) => srcs.reduce<Record<string, unknown>>((d, s) => deepMerge(d, s, false), (dst ?? {}) as Record<string, unknown>),
  mergeOverwrite: ([dst, ...srcs]) => srcs.reduce<Record<string, unknown>>((d, s) => deepMerge(d, s, true), (dst ?? {}) as Record<string, unknown>),
  deepCopy: ([v]) => structuredClone(v),
  kindIs: ([kind, v]) => kindOf(v) === str(kind),
  kindOf: ([v]) => kindOf(v),
  b64enc: ([s]) => Buffer.from(str(s)).toString('base64'),
  sha256sum: ([s]) => createHash('sha256').update(str(s)).digest('hex'),
  // Helm's `helm template` answers lookups with an empty map; secrets generated at install time are opaque anyway
  lookup: () => ({}),
  randAlphaNum: ([n]) => 'x'.repeat(Math.max(0, Math.min(int(n), 256))),
  semverCompare: ([constraint, version]) => {
    const v = semver.coerce(str(version));
    if (!v) throw new TemplateUnsupported('semverCompare on a non-version');
    try {
      return semver.satisfies(v, str(constraint).replace(/-0\b/g, ''), { includePrerelease: true, loose: true });
    } catch {
      throw new TemplateUnsupported(`semverCompare constraint "${str(constraint)}"`);
    }
  },
};

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'invalid';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}
