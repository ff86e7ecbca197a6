/**
 * A user's own service, described under `service:` in mina.yaml: mina runs the commands given
 * there (through `sh -c`, from the config's directory, with the service's environment plus
 * MINA_BACKUP_FILE / MINA_SEED_ROWS), so any stack and any backup tool can be drilled.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { runChecked } from './command-runner.js';
import type { Fingerprint, LoadPlan, ServiceDriver, SmokeStep } from './driver.js';
import { http } from './http.js';
import type { CustomServiceConfig } from './service-config.js';
import type { Paths, ServiceState } from './state.js';
import { verifyByQuery } from './verify-query.js';

export function customDriver(config: CustomServiceConfig, configDir: string): ServiceDriver {
  const cwd = path.resolve(configDir, config.cwd ?? '.');
  const withPort = (text: string, port: number) => text.replace(/\$\{PORT\}/g, String(port));
  const opTimeout = config.operationTimeoutMs ?? 600_000;
  const env = (state: ServiceState, extra: Record<string, string> = {}) => ({ ...(process.env as Record<string, string>), ...state.env, ...extra });
  const run = (what: keyof CustomServiceConfig, state: ServiceState, extra?: Record<string, string>) => {
    const command = config[what];
    if (typeof command !== 'string') throw new Error(`mina.yaml service.${String(what)} is not set: it is needed for this command`);
    return runChecked({ command, shell: true }, { cwd, env: env(state, extra), timeoutMs: opTimeout });
  };

  return {
    service: 'custom',
    stopGraceMs: config.stopTimeoutMs ?? 15_000,

    // `${PORT}` in url, ready and env values stands for `mina service up --port`.
    prepare(_paths, options) {
      const base = withPort(config.url, options.port).replace(/\/+$/, '');
      const ready = withPort(config.ready ?? '/', options.port);
      const readyUrl = /^https?:\/\//.test(ready) ? ready : `${base}${ready}`;
      const env = Object.fromEntries(Object.entries(config.env ?? {}).map(([k, v]) => [k, withPort(v, options.port)]));
      return { mode: 'custom', workers: 1, url: base, readyUrl, env, readyTimeoutMs: config.readyTimeoutMs ?? 60_000 };
    },

    startSpec(paths: Paths, state: ServiceState) {
      return { command: config.start, args: [], shell: true, cwd, env: env(state), logFile: paths.logFile };
    },

    async seed(state, rows) {
      if (!config.seed) return 0;
      await run('seed', state, { MINA_SEED_ROWS: String(rows) });
      return rows;
    },

    async fingerprint(state): Promise<Fingerprint> {
      const verify = config.verify;
      if (verify?.query) return verifyByQuery(verify.query, expand(verify.databaseUrl ?? '${DATABASE_URL}', env(state)));
      if (!verify?.command) throw new Error('mina.yaml service.verify needs a command or a query that gives the row count (and a checksum)');
      const out = await runChecked({ command: verify.command, shell: true }, { cwd, env: env(state), timeoutMs: opTimeout });
      return parseFingerprint(out);
    },

    async backup(state, paths) {
      mkdirSync(paths.backupDir, { recursive: true });
      const file = path.join(paths.backupDir, `backup-${new Date().toISOString().replace(/[:.]/g, '-')}`);
      await run('backup', state, { MINA_BACKUP_FILE: file, MINA_BACKUP_DIR: paths.backupDir });
      let bytes: number | null = null;
      try {
        bytes = statSync(file).size;
      } catch {
        // the user's backup tool may write elsewhere (a bucket, a snapshot): nothing to measure here
      }
      return { file, bytes };
    },

    async wipe(state) {
      await run('wipe', state);
    },

    async restore(state, paths, file) {
      await run('restore', state, { MINA_BACKUP_FILE: file, MINA_BACKUP_DIR: paths.backupDir });
    },

    async smoke(state): Promise<SmokeStep[]> {
      const steps: SmokeStep[] = [];
      for (const p of config.smoke ?? [state.readyUrl]) {
        const url = /^https?:\/\//.test(p) ? p : `${state.url}${p}`;
        try {
          const r = await http('GET', url, { timeoutMs: 10_000 });
          steps.push({ name: `GET ${p}`, ok: r.status >= 200 && r.status < 300, ms: r.ms, ...(r.status >= 300 ? { detail: `HTTP ${r.status}` } : {}) });
        } catch (err) {
          steps.push({ name: `GET ${p}`, ok: false, ms: 0, detail: (err as Error).message });
        }
      }
      return steps;
    },

    loadPlan(state): LoadPlan {
      const paths = config.load?.paths ?? [new URL(state.readyUrl).pathname];
      return { requests: paths.map((p) => ({ method: 'GET' as const, path: p, headers: config.load?.headers })) };
    },
  };
}

/** `${NAME}` → the variable's value (empty when unset). */
export function expand(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]{0,63})\}/g, (_, name: string) => env[name] ?? '');
}

/** The verify command prints JSON `{"rows": n, "checksum": "..."}`, or just a row count. */
export function parseFingerprint(out: string): Fingerprint {
  const text = out.trim().split('\n').pop() ?? '';
  if (/^\d+$/.test(text)) return { rows: Number(text), checksum: null };
  try {
    const v = JSON.parse(text) as { rows?: unknown; checksum?: unknown };
    if (typeof v.rows === 'number') return { rows: v.rows, checksum: typeof v.checksum === 'string' ? v.checksum : null };
  } catch {
    // fall through to the error below
  }
  throw new Error(`verify printed ${JSON.stringify(text.slice(0, 100))}: expected {"rows": n, "checksum": "..."} or a number`);
}
