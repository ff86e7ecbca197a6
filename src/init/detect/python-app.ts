/**
 * A Python service: framework (Flask, FastAPI, Django) and realtime/async stack (Flask-SocketIO,
 * eventlet, gevent) from declared dependencies; the WSGI/ASGI target from the code (`app =
 * Flask(__name__)`, a `create_app` factory, `FastAPI()`, Django's `wsgi.py`); the serve command the
 * project already uses (Procfile, Compose, scripts) or one built for the framework; port, package
 * manager and test runner.
 */
import type { RepoContext } from '../../context/repo-context.js';
import { manifestsFact } from '../../facts/deps/collect.js';
import type { DeclaredRequirement } from '../../facts/deps/model.js';
import { codeIndexFact, enclosingFunction, findCallsEverywhere, isTestPath, optionOf, type CallSite, type CodeIndex } from '../../facts/code/index.js';
import { servingFact } from '../../facts/serving.js';
import { flagValue } from '../../facts/server-command.js';
import type { AppStack, Detected, Framework } from '../model.js';
import { detectHealth } from './health.js';
import { numberFrom, pythonManager, pythonTestCommand, runtimeVersion } from './python-project.js';

const PROD_SERVERS = new Set(['gunicorn', 'uvicorn', 'hypercorn', 'daphne', 'waitress']);

export type PyDeps = Map<string, DeclaredRequirement>;

export async function pythonDeps(repo: RepoContext): Promise<PyDeps> {
  const deps: PyDeps = new Map();
  for (const d of (await repo.fact(manifestsFact)).declared) {
    if (d.ecosystem !== 'PyPI' || isTestPath(d.file)) continue;
    const name = d.name.toLowerCase().replace(/[_.]/g, '-');
    if (!deps.has(name)) deps.set(name, d);
  }
  return deps;
}

const at = (d: DeclaredRequirement) => `${d.file}:${d.line}`;

export async function detectPythonApp(repo: RepoContext, deps: PyDeps): Promise<AppStack> {
  const index = await repo.fact(codeIndexFact);
  const has = (n: string) => deps.get(n);
  const fw = (['django', 'fastapi', 'flask'] as Framework[]).find((n) => has(n)) ?? (repo.has('manage.py') ? 'django' : null);
  const framework: Detected<Framework> | null = fw ? { value: fw, from: has(fw) ? at(has(fw)!) : 'manage.py' } : null;
  const sio = has('flask-socketio') ?? has('python-socketio');
  const wc = has('eventlet') ?? has('gevent');
  const workerClass = wc ? { value: wc.name.toLowerCase(), from: at(wc) } : null;
  const manager = await pythonManager(repo);
  const existing = await existingCommand(repo);
  const portFromCode = pythonPort(index);
  const command = existing ?? inferCommand(repo, index, fw, !!sio, workerClass?.value ?? null, deps);
  const bind = command ? flagValue(command.value, ['-b', '--bind']) ?? flagValue(command.value, ['--port']) : null;
  const bound = bind ? numberFrom(bind.slice(bind.lastIndexOf(':') + 1)) : null;
  const port: Detected<number> = bound ? { value: bound, from: command!.from } : portFromCode ?? { value: 8000, from: null };
  const server = command?.value.find((w) => PROD_SERVERS.has(w));
  return {
    language: 'python',
    framework,
    realtime: sio ? { value: sio.name, from: at(sio) } : null,
    workerClass,
    ...manager,
    // `{PORT}` stays a placeholder until the answers fix the port
    command,
    port,
    health: await detectHealth(repo),
    runtimeVersion: await runtimeVersion(repo, 'python'),
    buildScript: false,
    testCommand: await pythonTestCommand(repo, deps, fw),
    nativePackages: nativePackages(deps),
    missingServer: server && !existing && !has(server) ? server : null,
  };
}

/** A production server command the project already runs (not a dev server, not a dev file). */
async function existingCommand(repo: RepoContext): Promise<Detected<string[]> | null> {
  const serving = await repo.fact(servingFact);
  const c = serving.commands.find((x) => !x.dev && x.server && PROD_SERVERS.has(x.server) && x.source !== 'k8s');
  if (!c) return null;
  // wrappers such as `poetry run` or `pipenv run` are not in the image: start at the server (or `python -m server`)
  const i = c.argv.findIndex((w) => PROD_SERVERS.has(w.slice(w.lastIndexOf('/') + 1)));
  if (i < 0) return null;
  const argv = c.argv.slice(i >= 2 && c.argv[i - 1] === '-m' ? i - 2 : i);
  return { value: argv, from: `${c.file}:${c.line}` };
}

function inferCommand(repo: RepoContext, index: CodeIndex, fw: Framework | null, socketio: boolean, workerClass: string | null, deps: PyDeps): Detected<string[]> | null {
  const bind = ['--bind', '0.0.0.0:{PORT}', '--access-logfile', '-'];
  if (fw === 'django') {
    const wsgi = repo.files.find((f) => f.path.endsWith('/wsgi.py') && !isTestPath(f.path));
    if (!wsgi) return null;
    return { value: ['gunicorn', '--workers', '2', ...bind, `${moduleOf(wsgi.path)}:application`], from: wsgi.path };
  }
  const target = fw === 'flask' ? appTarget(index, [['flask', 'Flask']]) : fw === 'fastapi' ? appTarget(index, [['fastapi', 'FastAPI']]) : null;
  if (!target) return null;
  if (fw === 'fastapi' && !deps.has('gunicorn')) {
    return { value: ['uvicorn', target.value, '--host', '0.0.0.0', '--port', '{PORT}', '--workers', '2', '--proxy-headers'], from: target.from };
  }
  // Flask-SocketIO on eventlet/gevent serves every socket from one process per worker: one worker, scale by replicas
  const kind = fw === 'fastapi' ? ['--worker-class', 'uvicorn.workers.UvicornWorker', '--workers', '2'] : socketio && workerClass ? ['--worker-class', workerClass, '--workers', '1'] : ['--workers', '2'];
  return { value: ['gunicorn', ...kind, ...bind, target.value], from: target.from };
}

/** `pkg.module:app`, or `pkg.module:create_app()` when the app is built in a factory. */
function appTarget(index: CodeIndex, targets: Array<[string, string]>): Detected<string> | null {
  const calls = findCallsEverywhere(index, targets, 'python').sort((a, b) => a.file.path.length - b.file.path.length);
  for (const call of calls) {
    const t = targetOf(call);
    if (t) return { value: t, from: `${call.file.path}:${call.line}` };
  }
  return null;
}

function targetOf(call: CallSite): string | null {
  const module = moduleOf(call.file.path);
  if (!/^[A-Za-z_][\w.]*$/.test(module)) return null;
  const fn = enclosingFunction(call.node);
  if (fn) {
    const name = fn.field('name')?.text();
    return name && /^[A-Za-z_]\w*$/.test(name) ? `${module}:${name}()` : null;
  }
  const parent = call.node.parent();
  const left = parent?.kind() === 'assignment' ? parent.field('left') : null;
  return left?.kind() === 'identifier' ? `${module}:${left.text()}` : null;
}

export function moduleOf(path: string): string {
  return path.replace(/\.py$/, '').replace(/\/__init__$/, '').replace(/\//g, '.');
}

/** `app.run(port=5000)`, `socketio.run(app, port=…)`, `uvicorn.run(app, port=…)`: a literal or an env fallback. */
function pythonPort(index: CodeIndex): Detected<number> | null {
  const calls = findCallsEverywhere(index, [['flask', 'Flask().run'], ['flask_socketio', 'SocketIO().run'], ['uvicorn', 'run']], 'python');
  for (const call of calls) {
    const v = optionOf(index, call, 'port');
    const n = v?.kind === 'number' ? v.value : v?.kind === 'env' && v.fallback?.kind === 'number' ? v.fallback.value : v?.kind === 'env' && v.fallback?.kind === 'string' ? numberFrom(v.fallback.value) : null;
    if (n && n > 0 && n < 65536) return { value: n, from: `${call.file.path}:${call.line}` };
  }
  return null;
}

/** Drivers that compile against a C client library: headers to build, the library to run. */
function nativePackages(deps: PyDeps): AppStack['nativePackages'] {
  const out = { build: [] as string[], run: [] as string[] };
  if (deps.has('psycopg2')) {
    out.build.push('libpq-dev');
    out.run.push('libpq5');
  }
  if (deps.has('mysqlclient')) {
    out.build.push('default-libmysqlclient-dev', 'pkg-config');
    out.run.push('libmariadb3');
  }
  return out;
}
