/**
 * What a configured origin value lets through. Shared by every framework reader of this check so
 * `'*'`, `true`, a `.*` pattern, an env read with a `'*'` fallback and an allow-list mean the same
 * thing whichever library they are passed to.
 */
import type { SgNode } from '@ast-grep/napi';
import { findKinds, kindOf, lineOf, shortText, valueOf, type CodeFile, type CodeIndex, type Value } from '../../src/facts/code/index.js';
import type { Finding, Severity } from '../../src/engine/check-api.js';

/**
 * `wildcard`: any origin, as `*`. `reflect`: any origin, echoed back (what `origin: true` does).
 * `fallback`: configured from env, but `*` when unset. `none`: CORS off. `list`: an allow-list.
 * `config`: read from somewhere this check cannot see — the operator's choice.
 */
export type OriginVerdict = 'wildcard' | 'reflect' | 'fallback' | 'none' | 'list' | 'config';

const WILDCARD_PATTERNS = new Set(['*', '.*', '^.*$', '^.*', '.*$', '.+', '^.+$', '(.*)', 'r".*"']);

export function isWildcardString(s: string, regexSemantics: boolean): boolean {
  const t = s.trim();
  return t === '*' || t === '*:*' || (regexSemantics && WILDCARD_PATTERNS.has(t));
}

/**
 * @param regexStrings strings are regular expressions (Flask-CORS, Django's `*_REGEXES`)
 * @param trueReflects `true` echoes the request origin (the `cors` package, Fastify, Socket.IO)
 */
export function classifyOrigin(v: Value | undefined, opts: { regexStrings?: boolean; trueReflects?: boolean } = {}): OriginVerdict {
  if (!v) return 'none';
  switch (v.kind) {
    case 'string':
      return isWildcardString(v.value, opts.regexStrings ?? false) ? 'wildcard' : v.value === '' ? 'none' : 'list';
    case 'list': {
      if (v.items.length === 0) return 'none';
      const each = v.items.map((i) => classifyOrigin(i, opts));
      if (each.includes('wildcard')) return 'wildcard';
      if (each.includes('fallback')) return 'fallback';
      return 'list';
    }
    case 'regex':
      return isWildcardString(v.source, true) ? 'wildcard' : 'list';
    case 'bool':
      return v.value ? (opts.trueReflects ? 'reflect' : 'wildcard') : 'none';
    case 'null':
      return 'none';
    case 'env': {
      const fb = v.fallback ? classifyOrigin(v.fallback, opts) : 'config';
      return fb === 'wildcard' || fb === 'reflect' ? 'fallback' : 'config';
    }
    case 'function':
      return reflectingCallback(v.node) ? 'reflect' : 'config';
    default:
      return 'config';
  }
}

/**
 * `(origin, cb) => cb(null, true)` / `cb(null, origin)`: a callback that allows every origin,
 * whatever it is called — the function's only statement calls its callback parameter with a
 * truthy or echoed value.
 */
function reflectingCallback(fn: SgNode): boolean {
  const params = fn.field('parameters')?.namedChildren().map((p) => p.text()) ?? (fn.field('parameter') ? [fn.field('parameter')!.text()] : []);
  if (params.length < 2) return false;
  let body = fn.field('body');
  if (body?.kind() === 'statement_block') {
    const stmts = body.namedChildren().filter((s) => s.kind() !== 'comment');
    if (stmts.length !== 1) return false;
    body = stmts[0].kind() === 'expression_statement' || stmts[0].kind() === 'return_statement' ? stmts[0].namedChildren()[0] ?? null : null;
  }
  if (body?.kind() !== 'call_expression' || shortText(body.field('function')) !== params[1]) return false;
  const args = body.field('arguments')?.namedChildren() ?? [];
  return args.length === 2 && ['null', 'undefined'].includes(shortText(args[0]) ?? '') && (shortText(args[1]) === 'true' || shortText(args[1]) === params[0]);
}

const IDS: Record<'wildcard' | 'reflect' | 'fallback', string> = { wildcard: 'wildcard-origin', reflect: 'reflected-origin', fallback: 'wildcard-fallback' };

/** A finding for a verdict that allows any origin; null for the others. */
export function originFinding(
  verdict: OriginVerdict,
  where: { file: CodeFile | string; node?: SgNode; line?: number },
  what: string,
  credentials = false,
): Finding | null {
  if (verdict !== 'wildcard' && verdict !== 'reflect' && verdict !== 'fallback') return null;
  const file = typeof where.file === 'string' ? where.file : where.file.path;
  const line = where.line ?? (where.node ? lineOf(where.node) : undefined);
  const any = verdict === 'reflect' ? 'echoes any origin back' : verdict === 'fallback' ? "falls back to '*' when its variable is unset" : "allows every origin ('*')";
  const severity: Severity | undefined = verdict === 'fallback' ? 'high' : undefined;
  if (credentials && verdict !== 'fallback') {
    return { id: 'credentials-with-wildcard', file, line, message: `${what} ${any} and allows credentials: any site can make authenticated requests as the user`, hint: 'list the allowed origins explicitly (or read them from config) before enabling credentials' };
  }
  return { id: IDS[verdict], file, line, message: `${what} ${any}`, hint: 'pass an explicit allow-list of origins, or read it from configuration/env', ...(severity ? { severity } : {}) };
}

/** Library default that allows every origin (nothing configured). */
export function defaultAllFinding(file: CodeFile, node: SgNode, what: string, credentials = false): Finding {
  if (credentials) return originFinding('wildcard', { file, node }, what, true)!;
  return { id: 'default-all-origins', file: file.path, line: lineOf(node), message: `${what} sets no origins, and its default allows every origin`, hint: 'pass an explicit allow-list of origins, or read it from configuration/env' };
}

export const ACAO = 'access-control-allow-origin';

/** Setting the header by hand needs its name as a literal somewhere in the file: skip files without one. */
export function mentionsAcao(file: CodeFile): boolean {
  return findKinds(file, ['string']).some((s) => /access-control-allow-origin/i.test(shortText(s, 64) ?? ''));
}

const RECEIVERS = /(^|\.)(headers|req|request|ctx|META|environ|scope)$/;
const ORIGIN_KEYS = new Set(['origin', 'http_origin']);

/**
 * The request's own Origin header: `req.headers.origin`, `request.headers.get("Origin", …)`,
 * `req.get('origin')`, `request.META["HTTP_ORIGIN"]`, Flask's `request.origin`, or any of them
 * with a fallback (`… or "*"`, `… || '*'`).
 */
function isRequestOrigin(index: CodeIndex, file: CodeFile, node: SgNode, depth = 0): boolean {
  if (depth > 4) return false;
  const k = kindOf(node);
  const key = (n: SgNode | null | undefined) => {
    const v = n ? valueOf(index, file, n) : null;
    return v?.kind === 'string' && ORIGIN_KEYS.has(v.value.toLowerCase());
  };
  if (k === 'parenthesized_expression') return node.namedChildren().some((c) => isRequestOrigin(index, file, c, depth + 1));
  if (k === 'boolean_operator' || k === 'binary_expression') return !!node.field('left') && isRequestOrigin(index, file, node.field('left')!, depth + 1);
  if (k === 'member_expression' || k === 'attribute') {
    const prop = node.field(k === 'attribute' ? 'attribute' : 'property')?.text().toLowerCase();
    return prop === 'origin' && RECEIVERS.test(shortText(node.field('object')) ?? '');
  }
  if (k === 'subscript' || k === 'subscript_expression') {
    return RECEIVERS.test(shortText(node.field(k === 'subscript' ? 'value' : 'object')) ?? '') && key(node.field(k === 'subscript' ? 'subscript' : 'index'));
  }
  if (k === 'call' || k === 'call_expression') {
    const fn = node.field('function');
    const method = fn?.field(k === 'call' ? 'attribute' : 'property')?.text() ?? '';
    const recv = shortText(fn?.field('object')) ?? '';
    return ['get', 'header', 'getHeader', 'get_header'].includes(method) && RECEIVERS.test(recv) && key(node.field('arguments')?.namedChildren()[0]);
  }
  return false;
}

/**
 * The value given to `Access-Control-Allow-Origin`: `*`, or the request's Origin echoed back
 * outside any `if`/ternary that tests it (echoing after an allow-list test is the right way).
 */
export function headerValueFinding(index: CodeIndex, file: CodeFile, valueNode: SgNode): Finding | null {
  if (isRequestOrigin(index, file, valueNode) && !guardedByOriginCheck(valueNode)) {
    return originFinding('reflect', { file, node: valueNode }, 'Access-Control-Allow-Origin');
  }
  const v = classifyOrigin(valueOf(index, file, valueNode));
  return v === 'wildcard' || v === 'fallback' ? originFinding(v, { file, node: valueNode }, 'Access-Control-Allow-Origin') : null;
}

function guardedByOriginCheck(node: SgNode): boolean {
  for (let p = node.parent(); p; p = p.parent()) {
    const k = kindOf(p);
    const condition = k === 'conditional_expression' ? p.namedChildren()[1] : p.field('condition');
    if ((k === 'if_statement' || k === 'ternary_expression' || k === 'conditional_expression' || k === 'elif_clause') && /origin/i.test(shortText(condition, 1024) ?? '')) return true;
  }
  return false;
}
