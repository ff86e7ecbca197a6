/**
 * Debug switched on by the deployment's environment: `FLASK_DEBUG`/`FLASK_ENV` in a Dockerfile,
 * Compose or Kubernetes env, variables the code reads into its debug switch, and `NODE_ENV` left at
 * `development` for a Node server. `.flaskenv` (and `.env`) are only read by the `flask` command
 * line, so they count only when production starts the app with `flask run` — or, for `.env`, when
 * the code loads it with python-dotenv.
 */
import type { Finding } from '../../src/engine/check-api.js';
import type { EnvSetting } from '../../src/facts/deploy-env.js';
import type { ServeCommand } from '../../src/facts/serving.js';

const TRUTHY = /^\s*(1|true|yes|on|t|y)\s*$/i;

export interface EnvContext {
  settings: readonly EnvSetting[];
  commands: readonly ServeCommand[];
  /** Env variables the code reads into a debug switch. */
  codeNames: ReadonlySet<string>;
  /** The code calls python-dotenv's `load_dotenv()`. */
  loadsDotenv: boolean;
  /** A Node HTTP server is in the code (express, fastify, koa, nest, http). */
  nodeServer: boolean;
}

export function envDebugFindings(ctx: EnvContext): Finding[] {
  const flaskRun = ctx.commands.some((c) => !c.dev && c.server === 'flask');
  const out: Finding[] = [];
  for (const s of ctx.settings) {
    if (s.dev || s.value === null) continue;
    const base = s.file.slice(s.file.lastIndexOf('/') + 1);
    if (s.source === 'dotenv') {
      const readByCli = base === '.flaskenv' || base === '.env';
      if (!(readByCli && flaskRun) && !(base === '.env' && ctx.loadsDotenv)) continue;
    }
    const where = s.source === 'dotenv' ? `${base} (read by ${flaskRun ? 'flask run' : 'load_dotenv()'})` : `${s.source} env`;
    if ((s.name === 'FLASK_DEBUG' || ctx.codeNames.has(s.name)) && TRUTHY.test(s.value)) {
      out.push({ id: 'debug-env', file: s.file, line: s.line, message: `${s.name}=${s.value} in ${where} turns debug on in production`, hint: `set ${s.name} only in development configuration` });
    } else if (s.name === 'FLASK_ENV' && s.value.trim().toLowerCase() === 'development') {
      out.push({ id: 'debug-env', file: s.file, line: s.line, message: `FLASK_ENV=development in ${where} turns debug on (Flask < 2.3)`, hint: 'remove FLASK_ENV; set FLASK_DEBUG only in development' });
    } else if (s.name === 'NODE_ENV' && ctx.nodeServer && s.value.trim().toLowerCase() === 'development' && s.source !== 'dotenv') {
      out.push({ id: 'node-env-development', file: s.file, line: s.line, severity: 'medium', message: `NODE_ENV=development in ${where}: frameworks show stack traces and skip production optimisations`, hint: 'set NODE_ENV=production in the production image/manifests' });
    }
  }
  return out;
}
