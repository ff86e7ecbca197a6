/**
 * CORS in Python services: Flask-CORS (call, decorator, `init_app`, `CORS_*` config), Flask-SocketIO
 * and python-socketio `cors_allowed_origins`, FastAPI/Starlette `CORSMiddleware`, Django
 * (django-cors-headers settings) and headers set by hand.
 */
import type { SgNode } from '@ast-grep/napi';
import type { Finding } from '../../src/engine/check-api.js';
import {
  findCalls,
  findKinds,
  originIs,
  originOf,
  optionOf,
  truthy,
  valueOf,
  type CallSite,
  type CodeFile,
  type CodeIndex,
} from '../../src/facts/code/index.js';
import type { DjangoSettings } from '../../src/facts/django-settings.js';
import { flaskConfig } from '../../src/facts/flask-config.js';
import { ACAO, classifyOrigin, defaultAllFinding, headerValueFinding, mentionsAcao, originFinding, type OriginVerdict } from './origins.js';

const FLASK_CORS = 'flask_cors';

export function pythonCorsFindings(index: CodeIndex, django: DjangoSettings): Finding[] {
  const py = index.files.filter((f) => f.lang === 'python');
  return [...flaskCors(index), ...py.flatMap((f) => socketIo(index, findCalls(index, f, SOCKETIO_TARGETS))), ...starlette(index), ...djangoCors(index, django), ...py.flatMap((f) => manualHeaders(index, f))];
}

/** Flask-CORS origins: explicit `origins`, or per-resource `origins`; a `resources` entry without them inherits the default '*'. */
function flaskVerdict(index: CodeIndex, call: CallSite): { verdict: OriginVerdict | 'unset'; where: CallSite['node'] } {
  const origins = optionOf(index, call, 'origins');
  if (origins) return { verdict: classifyOrigin(origins, { regexStrings: true }), where: origins.node };
  const resources = optionOf(index, call, 'resources');
  if (resources?.kind === 'map') {
    for (const r of resources.entries.values()) {
      const o = r.kind === 'map' ? r.entries.get('origins') : undefined;
      if (o) {
        const v = classifyOrigin(o, { regexStrings: true });
        if (v === 'wildcard' || v === 'fallback') return { verdict: v, where: o.node };
      } else if (r.kind === 'map' && !r.spread) return { verdict: 'unset', where: r.node };
    }
    return { verdict: 'list', where: resources.node };
  }
  if (call.spread) return { verdict: 'config', where: call.node };
  return { verdict: 'unset', where: call.node };
}

function flaskCors(index: CodeIndex): Finding[] {
  const findings: Finding[] = [];
  const py = index.files.filter((f) => f.lang === 'python');
  const configured = corsConfig(index);
  findings.push(...configured.findings);
  const credentials = (call: CallSite) => truthy(optionOf(index, call, 'supports_credentials') ?? null) === true || configured.credentials;
  const inits = py.flatMap((f) => findCalls(index, f, [[FLASK_CORS, 'CORS().init_app']]));
  for (const f of py) {
    for (const call of findCalls(index, f, [[FLASK_CORS, 'CORS'], [FLASK_CORS, 'cross_origin']])) {
      const { verdict, where } = flaskVerdict(index, call);
      if (verdict !== 'unset') {
        const hit = originFinding(verdict, { file: f, node: where }, 'Flask-CORS', credentials(call));
        if (hit) findings.push(hit);
        continue;
      }
      if (configured.set) continue;
      const app = call.args[0] ?? call.kwargs.get('app');
      const isExtension = originIs(call.origin, FLASK_CORS, 'CORS()') && !app;
      if (isExtension && inits.length) {
        // `cors = CORS()` then `cors.init_app(app, origins=…)`: the origins come with init_app.
        for (const init of inits) {
          const v = flaskVerdict(index, init);
          if (v.verdict === 'unset') findings.push(defaultAllFinding(init.file, init.node, 'Flask-CORS init_app', credentials(init)));
          else {
            const hit = originFinding(v.verdict, { file: init.file, node: v.where }, 'Flask-CORS init_app', credentials(init));
            if (hit) findings.push(hit);
          }
        }
        continue;
      }
      findings.push(defaultAllFinding(f, call.node, originIs(call.origin, FLASK_CORS, 'cross_origin()') ? '@cross_origin()' : 'CORS(app)', credentials(call)));
    }
  }
  return dedupe(findings);
}

/** Flask-CORS reads `CORS_ORIGINS`, `CORS_RESOURCES` and `CORS_SUPPORTS_CREDENTIALS` from the app config. */
function corsConfig(index: CodeIndex): { set: boolean; credentials: boolean; findings: Finding[] } {
  const findings: Finding[] = [];
  for (const s of flaskConfig(index, 'CORS_ORIGINS')) {
    const hit = originFinding(classifyOrigin(s.value, { regexStrings: true }), { file: s.file, node: s.value.node }, 'Flask config CORS_ORIGINS');
    if (hit) findings.push(hit);
  }
  return {
    set: flaskConfig(index, 'CORS_ORIGINS').length + flaskConfig(index, 'CORS_RESOURCES').length > 0,
    credentials: flaskConfig(index, 'CORS_SUPPORTS_CREDENTIALS').some((s) => truthy(s.value) === true),
    findings,
  };
}

const SOCKETIO_TARGETS = [
  ['flask_socketio', 'SocketIO'],
  ['flask_socketio', 'SocketIO().init_app'],
  ['socketio', 'Server'],
  ['socketio', 'AsyncServer'],
] as const;

/** Socket.IO servers allow only same-origin requests unless `cors_allowed_origins` widens it. */
function socketIo(index: CodeIndex, calls: CallSite[]): Finding[] {
  const out: Finding[] = [];
  for (const call of calls) {
    const v = optionOf(index, call, 'cors_allowed_origins');
    if (!v) continue;
    const hit = originFinding(classifyOrigin(v), { file: call.file, node: v.node }, 'Socket.IO cors_allowed_origins');
    if (hit) out.push(hit);
  }
  return out;
}

const MIDDLEWARE = [
  ['fastapi.middleware.cors', 'CORSMiddleware'],
  ['starlette.middleware.cors', 'CORSMiddleware'],
] as const;

/** `app.add_middleware(CORSMiddleware, …)`, `Middleware(CORSMiddleware, …)` or `CORSMiddleware(app, …)`. */
function starlette(index: CodeIndex): Finding[] {
  const out: Finding[] = [];
  const candidates = new Set([...MIDDLEWARE.flatMap(([m]) => index.importing(m)), ...index.importing('fastapi'), ...index.importing('starlette')]);
  for (const file of candidates) {
    if (file.lang !== 'python') continue;
    for (const node of findKinds(file, ['call'])) {
      const fn = node.field('function');
      const args = node.field('arguments')?.namedChildren() ?? [];
      const first = args[0];
      const isCorsArg = first && first.kind() !== 'keyword_argument' && MIDDLEWARE.some(([m, n]) => originIs(originOf(index, file, first), m, n));
      const isDirect = fn && MIDDLEWARE.some(([m, n]) => originIs(originOf(index, file, fn), m, n));
      if (!isCorsArg && !isDirect) continue;
      const kw = (name: string) => {
        const a = args.find((x) => x.kind() === 'keyword_argument' && x.field('name')?.text() === name)?.field('value');
        return a ? valueOf(index, file, a) : undefined;
      };
      const credentials = truthy(kw('allow_credentials') ?? null) === true;
      const origins = kw('allow_origins');
      const regex = kw('allow_origin_regex');
      let verdict = classifyOrigin(origins);
      let where = origins?.node ?? node;
      if (verdict !== 'wildcard' && verdict !== 'fallback' && regex) {
        const r = classifyOrigin(regex, { regexStrings: true });
        if (r === 'wildcard' || r === 'fallback') {
          verdict = r;
          where = regex.node;
        }
      }
      const hit = originFinding(verdict, { file, node: where }, 'CORSMiddleware', credentials);
      if (hit) out.push(hit);
    }
  }
  return out;
}

/** django-cors-headers, read per production settings module (dev settings may allow all). */
function djangoCors(index: CodeIndex, django: DjangoSettings): Finding[] {
  const out: Finding[] = [];
  const setting = (m: DjangoSettings['production'][number], name: string) => {
    const hit = django.effective(m, name);
    return hit ? { hit, value: valueOf(index, hit.module.file, hit.node) } : null;
  };
  const credentials = (m: DjangoSettings['production'][number]) => truthy(setting(m, 'CORS_ALLOW_CREDENTIALS')?.value ?? null) === true;
  for (const m of django.production) {
    for (const name of ['CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL']) {
      const s = setting(m, name);
      const hit = s?.hit;
      if (hit && truthy(s.value) === true) {
        out.push({
          id: credentials(m) ? 'credentials-with-wildcard' : 'allow-all-origins',
          file: hit.file,
          line: hit.line,
          message: `${name} = True allows every origin${credentials(m) ? ', with credentials' : ''} (production settings ${m.file.path})`,
          hint: 'set CORS_ALLOWED_ORIGINS to the sites that need access; keep allow-all for development settings only',
        });
      }
    }
    for (const name of ['CORS_ALLOWED_ORIGINS', 'CORS_ORIGIN_WHITELIST', 'CORS_ALLOWED_ORIGIN_REGEXES', 'CORS_ORIGIN_REGEX_WHITELIST']) {
      const s = setting(m, name);
      if (!s) continue;
      const items = s.value.kind === 'list' ? s.value.items : [s.value];
      const regexes = name.includes('REGEX');
      const wild = items.find((i) => ['wildcard', 'fallback'].includes(classifyOrigin(i, { regexStrings: regexes })));
      const hit = wild && originFinding(classifyOrigin(wild, { regexStrings: regexes }), { file: s.hit.file, node: wild.node }, name, credentials(m));
      if (hit) out.push(hit);
    }
  }
  return dedupe(out);
}

/** `resp.headers['Access-Control-Allow-Origin'] = …`, `response[…] = …` (Django), `headers.add/set(…)`, header dicts. */
function manualHeaders(index: CodeIndex, file: CodeFile): Finding[] {
  const out: Finding[] = [];
  if (!mentionsAcao(file)) return out;
  const isAcao = (node: SgNode | null) => {
    const v = node ? valueOf(index, file, node) : null;
    return v?.kind === 'string' && v.value.toLowerCase() === ACAO;
  };
  const push = (f: Finding | null) => f && out.push(f);
  for (const a of findKinds(file, ['assignment'])) {
    const left = a.field('left');
    const right = a.field('right');
    if (left?.kind() === 'subscript' && right && isAcao(left.field('subscript'))) push(headerValueFinding(index, file, right));
  }
  for (const call of findKinds(file, ['call'])) {
    const fn = call.field('function');
    const method = fn?.kind() === 'attribute' ? fn.field('attribute')?.text() : undefined;
    if (!method || !['add', 'set', 'add_header', '__setitem__', 'setdefault'].includes(method)) continue;
    const args = call.field('arguments')?.namedChildren().filter((x) => x.kind() !== 'keyword_argument') ?? [];
    if (args.length >= 2 && isAcao(args[0])) push(headerValueFinding(index, file, args[1]));
  }
  for (const pair of findKinds(file, ['pair'])) {
    const value = pair.field('value');
    if (value && isAcao(pair.field('key'))) push(headerValueFinding(index, file, value));
  }
  return out;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.id}:${f.file}:${f.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
