/**
 * What one command line starts: which server (gunicorn, uvicorn, `flask run`, `python app.py`,
 * node, pm2…), with how many worker processes, which app and which script. Wrappers
 * (`poetry run`, `python -m`, `ddtrace-run`, `tini --`…) are looked through.
 */
import type { GunicornConfig } from './gunicorn-config.js';

/** A count, `auto` (derived from the CPU count), or null when the command says nothing knowable. */
export type Workers = number | 'auto' | null;

export type ServerKind = 'gunicorn' | 'uvicorn' | 'hypercorn' | 'daphne' | 'waitress' | 'flask' | 'django' | 'python' | 'node' | 'pm2';

export interface ServerCommand {
  argv: string[];
  server: ServerKind | null;
  /** Effective worker processes (flag, config file, env default, server default). */
  workers: Workers;
  /** Where the worker count is set when not on this command line (a gunicorn config). */
  workersFrom: { file: string; line: number } | null;
  /** gunicorn `-k`/`worker_class` (eventlet, gevent, uvicorn.workers.UvicornWorker…). */
  workerClass: string | null;
  /** A file run as the main program: `python app.py`, `node dist/server.js`. */
  script: string | null;
  /** `python -m pkg.mod`: run as `__main__`. */
  module: string | null;
  /** WSGI/ASGI target, `pkg.mod:app`. */
  appTarget: string | null;
}

export interface CommandContext {
  /** A deploy-time env value, for `$WEB_CONCURRENCY` and defaults servers read from env. */
  env(name: string): string | null;
  gunicornConfigs: readonly GunicornConfig[];
}

const WRAPPERS = new Set(['exec', 'env', 'poetry', 'pipenv', 'uv', 'pdm', 'hatch', 'rye', 'run', 'npx', 'ddtrace-run', 'opentelemetry-instrument', 'newrelic-admin', 'run-program', 'dumb-init', 'tini', '--', 'doppler', 'chamber', 'su-exec', 'gosu', 'nice', 'nohup', 'time']);

export function describeCommand(argvIn: string[], ctx: CommandContext): ServerCommand | null {
  let argv = argvIn.filter((w) => w !== '');
  let i = 0;
  while (i < argv.length && (WRAPPERS.has(basename(argv[i])) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i]))) i++;
  argv = argv.slice(i);
  if (!argv.length) return null;
  let prog = basename(argv[0]);
  let rest = argv.slice(1);
  if (/^python[0-9.]*$/.test(prog)) {
    const m = rest.indexOf('-m');
    if (m >= 0 && rest[m + 1]) {
      const mod = rest[m + 1];
      if (['gunicorn', 'uvicorn', 'hypercorn', 'flask', 'daphne', 'waitress'].includes(mod)) {
        prog = mod;
        rest = rest.slice(m + 2);
      } else return base(argvIn, 'python', { module: mod });
    } else {
      const script = rest.find((w) => !w.startsWith('-') && /\.py$/.test(w));
      if (script && basename(script) === 'manage.py') return rest.includes('runserver') ? base(argvIn, 'django', { script }) : null;
      return script ? base(argvIn, 'python', { script }) : null;
    }
  }
  const positional = (skipValueOf: Set<string>) => rest.filter((w, j) => !w.startsWith('-') && !(j > 0 && skipValueOf.has(rest[j - 1])));
  switch (prog) {
    case 'gunicorn': {
      const flag = flagValue(rest, ['-w', '--workers']);
      const cfgPath = flagValue(rest, ['-c', '--config']);
      const cfg = pickConfig(ctx.gunicornConfigs, cfgPath);
      const fromArgs = flagValue(splitArgs(ctx.env('GUNICORN_CMD_ARGS')), ['-w', '--workers']);
      let workers: Workers = null;
      let workersFrom: ServerCommand['workersFrom'] = null;
      if (flag !== null) workers = toWorkers(flag, ctx);
      else if (fromArgs !== null) workers = toWorkers(fromArgs, ctx);
      else if (cfg?.workers != null) {
        workers = cfg.workers;
        workersFrom = { file: cfg.file, line: cfg.workersLine ?? 1 };
      } else workers = toWorkers(ctx.env('WEB_CONCURRENCY') ?? '1', ctx);
      const workerClass = flagValue(rest, ['-k', '--worker-class']) ?? cfg?.workerClass ?? null;
      const target = positional(new Set(['-w', '--workers', '-c', '--config', '-k', '--worker-class', '-b', '--bind', '-t', '--timeout', '--threads', '--log-level', '--access-logfile', '--error-logfile', '-u', '-g', '--user', '--group', '--chdir', '--max-requests', '--graceful-timeout', '--keep-alive', '--worker-connections', '-e', '--env', '--forwarded-allow-ips', '--name', '-n', '--pythonpath', '--max-requests-jitter', '--logger-class', '--log-config', '--statsd-host', '--worker-tmp-dir'])).pop() ?? null;
      return { ...base(argvIn, 'gunicorn', {}), workers, workersFrom, workerClass, appTarget: target };
    }
    case 'uvicorn':
    case 'hypercorn': {
      const flag = flagValue(rest, prog === 'uvicorn' ? ['--workers'] : ['-w', '--workers']);
      const workers = flag !== null ? toWorkers(flag, ctx) : prog === 'uvicorn' ? toWorkers(ctx.env('WEB_CONCURRENCY') ?? '1', ctx) : 1;
      const target = positional(new Set(['--workers', '-w', '--host', '--port', '-b', '--bind', '--log-level', '--root-path', '--proxy-headers', '--forwarded-allow-ips', '--app-dir', '--env-file', '-k', '--worker-class', '--config', '-c'])).find((w) => w.includes(':')) ?? null;
      return { ...base(argvIn, prog, {}), workers, appTarget: target };
    }
    case 'daphne':
    case 'waitress-serve':
      return { ...base(argvIn, prog === 'daphne' ? 'daphne' : 'waitress', {}), appTarget: positional(new Set(['-b', '-p', '--port', '--host', '--listen'])).pop() ?? null };
    case 'flask':
      return rest.includes('run') ? base(argvIn, 'flask', {}) : null;
    case 'node':
    case 'nodemon':
    case 'ts-node':
    case 'tsx': {
      const script = rest.find((w) => !w.startsWith('-') && /\.[cm]?[jt]s$/.test(w)) ?? null;
      return base(argvIn, 'node', { script });
    }
    case 'pm2':
    case 'pm2-runtime':
    case 'pm2-docker': {
      const inst = flagValue(rest, ['-i', '--instances']);
      const workers: Workers = inst === null ? null : ['max', '0', '-1'].includes(inst) ? 'auto' : toWorkers(inst, ctx);
      return { ...base(argvIn, 'pm2', { script: rest.find((w) => /\.[cm]?[jt]s$|\.json$/.test(w)) ?? null }), workers };
    }
    default:
      return null;
  }
}

function base(argv: string[], server: ServerKind, extra: { script?: string | null; module?: string }): ServerCommand {
  return { argv, server, workers: 1, workersFrom: null, workerClass: null, script: extra.script ?? null, module: extra.module ?? null, appTarget: null };
}

function basename(w: string): string {
  return w.slice(w.lastIndexOf('/') + 1);
}

/** `-w 4`, `-w4`, `--workers=4`, `--workers 4`. */
export function flagValue(args: readonly string[], names: readonly string[]): string | null {
  for (let j = 0; j < args.length; j++) {
    const a = args[j];
    for (const n of names) {
      if (a === n) return args[j + 1] ?? null;
      if (n.startsWith('--') && a.startsWith(n + '=')) return a.slice(n.length + 1);
      if (!n.startsWith('--') && a.startsWith(n) && a.length > n.length && !a.startsWith('--')) return a.slice(n.length);
    }
  }
  return null;
}

function splitArgs(s: string | null): string[] {
  return s ? s.trim().split(/\s+/) : [];
}

/** `4`, `$WEB_CONCURRENCY`, `${WORKERS:-4}`, `$(nproc)` → a count, `auto` or null. */
function toWorkers(raw: string, ctx: CommandContext): Workers {
  const v = raw.trim().replace(/^["']|["']$/g, '');
  if (/^\d{1,5}$/.test(v)) return Number(v);
  if (/nproc|cpu_count|getconf/.test(v)) return 'auto';
  const m = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}?$/.exec(v);
  if (m) {
    const fromEnv = ctx.env(m[1]);
    if (fromEnv !== null && /^\d{1,5}$/.test(fromEnv.trim())) return Number(fromEnv.trim());
    if (m[2] !== undefined && /^\d{1,5}$/.test(m[2])) return Number(m[2]);
  }
  return null;
}

function pickConfig(configs: readonly GunicornConfig[], path: string | null): GunicornConfig | null {
  if (path) {
    const p = path.replace(/^python:/, '').replace(/^\.?\//, '').replace(/\./g, '/');
    return configs.find((c) => c.file === path.replace(/^\.?\//, '') || c.file.endsWith('/' + basename(path)) || c.file.replace(/\.py$/, '').endsWith(p)) ?? null;
  }
  // gunicorn reads ./gunicorn.conf.py by default
  return configs.find((c) => basename(c.file) === 'gunicorn.conf.py') ?? null;
}
