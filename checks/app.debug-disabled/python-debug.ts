/**
 * Debug switches in Python code: `app.run(debug=True)` (Flask, Flask-SocketIO), `app.debug = True`,
 * `app.config['DEBUG'] = True` / `config.update(DEBUG=True)`, config classes and config modules,
 * `FastAPI(debug=True)` / `Starlette(debug=True)`, Werkzeug's interactive debugger, and Django's
 * `DEBUG` in production settings. Code under `if __name__ == "__main__":` runs only when the file
 * is executed as a script, so it counts only when a production command does exactly that.
 */
import type { SgNode } from '@ast-grep/napi';
import type { Finding } from '../../src/engine/check-api.js';
import {
  decoratorsOf,
  enclosingFunction,
  findCalls,
  findKinds,
  insideMainGuard,
  isModuleLevel,
  lineOf,
  optionOf,
  shortText,
  originOf,
  truthy,
  valueOf,
  type CallSite,
  type CodeFile,
  type CodeIndex,
  type Value,
} from '../../src/facts/code/index.js';
import type { DjangoSettings } from '../../src/facts/django-settings.js';
import type { ServeCommand } from '../../src/facts/serving.js';

export interface CodeDebug {
  findings: Finding[];
  /** Env variables the code reads into a debug switch (`DEBUG = env.bool('DJANGO_DEBUG')`). */
  envNames: Set<string>;
}

const RUN_TARGETS = [
  ['flask', 'Flask().run'],
  ['flask_socketio', 'SocketIO().run'],
] as const;
const APP_TARGETS = [
  ['fastapi', 'FastAPI'],
  ['starlette.applications', 'Starlette'],
] as const;
const DEV_CLASS = /(dev|develop|local|test|debug|sandbox)/i;
const CONFIG_FILE = /(^|\/)(config|settings|[\w]+_config|config_[\w]+)\.py$|(^|\/)config\/[\w]+\.py$/;

export function pythonDebug(index: CodeIndex, django: DjangoSettings, commands: readonly ServeCommand[]): CodeDebug {
  const out: CodeDebug = { findings: [], envNames: new Set() };
  const djangoFiles = new Set(django.modules.map((m) => m.file.path));
  const ctx = { index, commands, out };
  for (const file of index.files) {
    if (file.lang !== 'python') continue;
    // Every switch below spells debug (`debug=`, `DEBUG`, DebuggedApplication, `use_debugger`), except
    // a `config[KEY]` whose key is a constant: files with neither word are not parsed.
    const debug = /debug/i.test(file.text);
    if (!debug) {
      if (file.text.includes('config')) configAssignments(ctx, file);
      continue;
    }
    for (const call of [...findRunCalls(index, file), ...findCalls(index, file, APP_TARGETS)]) {
      judge(ctx, file, call.kwargs.get('debug') ?? call.node, optionOf(index, call, 'debug'), `${shortText(call.node.field('function')) ?? 'run'}(debug=…)`);
    }
    for (const call of findCalls(index, file, [['werkzeug.debug', 'DebuggedApplication']])) {
      if (truthy(optionOf(index, call, 'evalex') ?? null) !== false) judge(ctx, file, call.node, { kind: 'bool', value: true, node: call.node }, 'Werkzeug DebuggedApplication (interactive debugger)');
    }
    for (const call of findCalls(index, file, [['werkzeug.serving', 'run_simple'], ['werkzeug', 'run_simple']])) {
      judge(ctx, file, call.kwargs.get('use_debugger') ?? call.node, optionOf(index, call, 'use_debugger'), 'run_simple(use_debugger=…)');
    }
    configAssignments(ctx, file);
    if (!djangoFiles.has(file.path)) configClassesAndModules(ctx, file);
  }
  for (const hit of django.inProduction('DEBUG')) {
    const v = valueOf(index, hit.module.file, hit.node);
    if (v.kind === 'env' && v.name) out.envNames.add(v.name);
    const f = verdictFinding(v, hit.file, hit.line, `DEBUG in Django settings used in production (${hit.module.file.path})`);
    if (f) out.findings.push(f);
  }
  return out;
}

/** `.run(...)` on a Flask / Flask-SocketIO object, or on an object this reader cannot trace, when it passes `debug`. */
function findRunCalls(index: CodeIndex, file: CodeFile): CallSite[] {
  const known = findCalls(index, file, RUN_TARGETS);
  const seen = new Set(known.map((c) => c.node.id()));
  const guessed = findKinds(file, ['call']).filter((node) => {
    if (seen.has(node.id())) return false;
    const fn = node.field('function');
    if (fn?.kind() !== 'attribute' || fn.field('attribute')?.text() !== 'run') return false;
    const hasDebug = node.field('arguments')?.namedChildren().some((a) => a.kind() === 'keyword_argument' && a.field('name')?.text() === 'debug');
    const recv = fn.field('object');
    const origin = recv ? originOf(index, file, recv) : null;
    // asyncio.run(debug=…) and other libraries' run are theirs; an untraceable `app.run(debug=…)` is a web app's
    return hasDebug && (origin === null || origin.module.startsWith('.') || !!index.resolveModule(file, origin.module));
  });
  return [...known, ...guessed.map((node) => ({ file, node, origin: { module: '', path: [], python: true }, line: lineOf(node), args: [], kwargs: kwargsOf(node), spread: false }))];
}

function kwargsOf(node: SgNode): Map<string, SgNode> {
  const m = new Map<string, SgNode>();
  for (const a of node.field('arguments')?.namedChildren() ?? []) {
    const name = a.kind() === 'keyword_argument' ? a.field('name')?.text() : undefined;
    const value = a.field('value');
    if (name && value) m.set(name, value);
  }
  return m;
}

interface Ctx {
  index: CodeIndex;
  commands: readonly ServeCommand[];
  out: CodeDebug;
}

/** A debug switch written at `site` with `value`: a finding when it is on in a code path production runs. */
function judge(ctx: Ctx, file: CodeFile, site: SgNode, value: Value | undefined, what: string): void {
  if (!value) return;
  if (value.kind === 'env' && value.name) ctx.out.envNames.add(value.name);
  if (scriptOnly(file, site) && !runAsScriptInProduction(ctx, file)) return;
  const f = verdictFinding(value, file.path, lineOf(site), what);
  if (f) ctx.out.findings.push(f);
}

export function verdictFinding(value: Value, file: string, line: number, what: string): Finding | null {
  if (value.kind === 'env') {
    if (truthy(value.fallback) !== true) return null;
    return { id: 'debug-default-on', file, line, severity: 'medium', message: `${what} reads ${value.name ?? 'an env variable'} but defaults to on when it is unset`, hint: 'default to off: debug must be switched on explicitly, in development only' };
  }
  if (truthy(value) !== true) return null;
  return { id: 'debug-enabled', file, line, message: `${what} turns debug on in code production runs`, hint: 'remove it, or read it from the environment with an off default (and guard dev-only runs with if __name__ == "__main__")' };
}

/** Runs only when the file is executed: under the main guard, or in a function called only from there. */
function scriptOnly(file: CodeFile, node: SgNode): boolean {
  if (insideMainGuard(node)) return true;
  let fn = enclosingFunction(node);
  while (fn && enclosingFunction(fn)) fn = enclosingFunction(fn);
  const name = fn?.field('name')?.text();
  if (!fn || !name || decoratorsOf(fn).length) return false;
  const uses = findKinds(file, ['call']).filter((c) => shortText(c.field('function')) === name);
  return uses.length > 0 && uses.every((u) => insideMainGuard(u));
}

/** A production command runs this file as `__main__` (`python app.py`, `python -m pkg.app`). */
function runAsScriptInProduction(ctx: Ctx, file: CodeFile): boolean {
  const asModule = file.path.replace(/(\/__main__)?\.py$/, '').replace(/\//g, '.');
  return ctx.commands.some((c) => {
    if (c.dev || (c.server !== 'python' && c.server !== 'pm2')) return false;
    if (c.script) {
      const s = c.script.replace(/^\.?\//, '');
      return file.path === s || file.path.endsWith('/' + s) || s.endsWith('/' + file.path);
    }
    return !!c.module && (asModule === c.module || asModule.endsWith('.' + c.module));
  });
}

/** `app.debug = True`, `app.config['DEBUG'] = True`, `app.config.update(DEBUG=True)` / `from_mapping(DEBUG=True)`. */
function configAssignments(ctx: Ctx, file: CodeFile): void {
  const { index } = ctx;
  for (const a of findKinds(file, ['assignment'])) {
    const left = a.field('left');
    const right = a.field('right');
    if (!left || !right) continue;
    const isDebugAttr = left.kind() === 'attribute' && left.field('attribute')?.text() === 'debug' && left.field('object')?.kind() === 'identifier';
    const key = left.kind() === 'subscript' && /config$/.test(shortText(left.field('value')) ?? '') ? valueOf(index, file, left.field('subscript')!) : null;
    if (isDebugAttr || (key?.kind === 'string' && key.value === 'DEBUG')) judge(ctx, file, right, valueOf(index, file, right), isDebugAttr ? `${shortText(left) ?? 'app.debug'} = …` : "config['DEBUG'] = …");
  }
  for (const call of findKinds(file, ['call'])) {
    const fn = call.field('function');
    if (fn?.kind() !== 'attribute' || !['update', 'from_mapping'].includes(fn.field('attribute')?.text() ?? '') || !/config$/.test(shortText(fn.field('object')) ?? '')) continue;
    const kw = kwargsOf(call).get('DEBUG');
    if (kw) judge(ctx, file, kw, valueOf(index, file, kw), 'config DEBUG=…');
  }
}

/** `class ProductionConfig: DEBUG = True`, or module-level `DEBUG = True` in a config module (Flask `from_object`/`from_pyfile`). */
function configClassesAndModules(ctx: Ctx, file: CodeFile): void {
  const { index } = ctx;
  const classes = findKinds(file, ['class_definition']);
  const classDebug = new Map<string, Value>();
  for (const cls of classes) {
    const body = cls.field('body');
    const name = cls.field('name')?.text() ?? '';
    for (const stmt of body?.namedChildren() ?? []) {
      const a = stmt.kind() === 'expression_statement' ? stmt.namedChildren()[0] : null;
      if (a?.kind() === 'assignment' && shortText(a.field('left')) === 'DEBUG' && a.field('right')) classDebug.set(name, valueOf(index, file, a.field('right')!));
    }
  }
  for (const cls of classes) {
    const name = cls.field('name')?.text() ?? '';
    const v = classDebug.get(name);
    if (!v || DEV_CLASS.test(name)) continue;
    // A base class whose production subclass turns debug off is not itself what production loads.
    const overridden = classes.some((sub) => {
      const subName = sub.field('name')?.text() ?? '';
      const bases = sub.field('superclasses')?.namedChildren().map((b) => shortText(b) ?? '') ?? [];
      const subV = classDebug.get(subName);
      return bases.includes(name) && !DEV_CLASS.test(subName) && subV !== undefined && truthy(subV) !== true;
    });
    if (!overridden) judge(ctx, file, v.node, v, `${name}.DEBUG`);
  }
  const fileName = file.path.slice(file.path.lastIndexOf('/') + 1);
  if (!CONFIG_FILE.test(file.path) || DEV_CLASS.test(fileName)) return;
  for (const a of findKinds(file, ['assignment'])) {
    if (shortText(a.field('left')) === 'DEBUG' && a.field('right') && isModuleLevel(a)) judge(ctx, file, a.field('right')!, valueOf(index, file, a.field('right')!), `DEBUG in config module ${file.path}`);
  }
}
