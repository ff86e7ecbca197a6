/**
 * How the service is started and how many processes serve it: entry commands from Procfiles,
 * Dockerfile `CMD`/`ENTRYPOINT` (final stage), Compose `command`, Kubernetes `command`+`args` and
 * the shell scripts they call; gunicorn config files; replicas from Deployments, autoscalers and
 * Compose. Workers are read the way each server reads them (flag, config file, `WEB_CONCURRENCY`).
 */
import { defineFact, type RepoContext } from '../context/repo-context.js';
import { splitShell } from './dockerfile-shell.js';
import { dockerfilesFact } from './dockerfiles.js';
import { composeFilesFact } from './compose.js';
import { k8sFact, autoscalerFor, asRecord } from './k8s/index.js';
import { deployEnvFact, isDevPath, type DeployEnv } from './deploy-env.js';
import { codeIndexFact } from './code/code-index.js';
import { readGunicornConfig, type GunicornConfig } from './gunicorn-config.js';
import { describeCommand, type ServerCommand, type Workers } from './server-command.js';
import { nodeClusterFact, type NodeCluster } from './node-cluster.js';

export type { ServerCommand, Workers } from './server-command.js';
export type { GunicornConfig } from './gunicorn-config.js';

export interface ServeCommand extends ServerCommand {
  source: 'procfile' | 'dockerfile' | 'compose' | 'k8s' | 'script';
  file: string;
  line: number;
  /** Procfile process type (`web`, `worker`), Compose service or container name. */
  role: string | null;
  dev: boolean;
}

export interface ReplicaSetting {
  file: string;
  line: number;
  count: number;
  kind: 'k8s' | 'autoscaler' | 'compose';
}

export interface Serving {
  commands: ServeCommand[];
  gunicornConfigs: GunicornConfig[];
  replicas: ReplicaSetting[];
  /** Workers a Node service forks itself (`cluster.fork()`, `throng`). */
  cluster: NodeCluster | null;
  /** Evidence that more than one process serves traffic (workers > 1 or replicas > 1), or null. */
  multiProcess: { file: string; line: number; reason: string } | null;
}

const SCRIPT_LIMIT = 20;

export const servingFact = defineFact<Serving>('serving', async (repo) => {
  const env = await repo.fact(deployEnvFact);
  const index = await repo.fact(codeIndexFact);
  const gunicornConfigs: GunicornConfig[] = [];
  for (const f of repo.glob(['**/gunicorn.conf.py', '**/gunicorn_conf.py', '**/gunicorn.config.py', '**/gunicorn_config.py', '**/gunicorn.py'])) {
    const cfg = await readGunicornConfig(repo, index, f.path);
    if (cfg) gunicornConfigs.push(cfg);
  }
  const commands: ServeCommand[] = [];
  const scripts: Array<{ name: string; via: Omit<ServeCommand, keyof ServerCommand> }> = [];
  const add = (argvs: string[][], where: Omit<ServeCommand, keyof ServerCommand>) => {
    for (const argv of argvs) {
      const c = describeCommand(argv, { env: (n) => envDefault(env, n), gunicornConfigs });
      if (c) commands.push({ ...c, ...where });
      const script = argv.find((w) => /\.sh$/.test(w));
      if (script && where.source !== 'script' && scripts.length < SCRIPT_LIMIT) scripts.push({ name: script.replace(/^\.?\//, ''), via: where });
    }
  };
  for (const f of repo.glob(['Procfile', '**/Procfile', '**/Procfile.*'])) {
    const text = await repo.text(f.path);
    text?.split('\n').forEach((line, i) => {
      const m = /^([A-Za-z0-9_-]{1,64}):\s*(.+)$/.exec(line.trim());
      if (m) add(splitShell(m[2]), { source: 'procfile', file: f.path, line: i + 1, role: m[1], dev: isDevPath(f.path) });
    });
  }
  for (const df of await repo.fact(dockerfilesFact)) {
    const final = df.final;
    if (!final) continue;
    const last = (k: string) => [...final.instructions].reverse().find((i) => i.keyword === k);
    const cmd = last('CMD');
    const entry = last('ENTRYPOINT');
    const dev = isDevPath(df.path);
    const argvs = (ins: NonNullable<typeof cmd>) => (ins.args.trim().startsWith('[') ? unwrapShell(ins.words) : splitShell(ins.args));
    if (cmd) add(argvs(cmd), { source: 'dockerfile', file: df.path, line: cmd.line, role: null, dev });
    if (entry) add(argvs(entry), { source: 'dockerfile', file: df.path, line: entry.line, role: null, dev });
    if (entry && cmd && entry.args.trim().startsWith('[') && cmd.args.trim().startsWith('[')) {
      add([[...entry.words, ...cmd.words]], { source: 'dockerfile', file: df.path, line: entry.line, role: null, dev });
    }
  }
  for (const cf of await repo.fact(composeFilesFact)) {
    for (const svc of cf.services) {
      for (const c of [svc.command, svc.entrypoint]) if (c) add(unwrapShell(c.words), { source: 'compose', file: cf.path, line: c.line, role: svc.name, dev: svc.dev });
    }
  }
  const k8s = await repo.fact(k8sFact);
  const replicas: ReplicaSetting[] = [];
  for (const w of k8s.workloads) {
    const dev = isDevPath(w.object.file) || (w.object.overlay ? isDevPath(w.object.overlay + '/') : false);
    if (w.class === 'replicated' && w.replicas !== null && !dev) {
      const at = w.object.locate(['spec', 'replicas']);
      replicas.push({ file: at.file, line: at.line, count: w.replicas, kind: 'k8s' });
      const hpa = autoscalerFor(w, k8s.objects);
      const max = asRecord(hpa?.object.value.spec)?.maxReplicas;
      if (hpa) {
        const count = Math.max(hpa.minReplicas, typeof max === 'number' ? max : 0);
        const where = hpa.object.locate(['spec', typeof max === 'number' ? 'maxReplicas' : 'minReplicas']);
        replicas.push({ file: where.file, line: where.line, count, kind: 'autoscaler' });
      }
    }
    for (const c of w.containers) {
      const words = [...strings(c.value.command), ...strings(c.value.args)];
      if (!words.length) continue;
      const at = w.object.locate([...c.path, c.value.command ? 'command' : 'args']);
      add(unwrapShell(words), { source: 'k8s', file: at.file, line: at.line, role: c.name, dev });
    }
  }
  for (const cf of await repo.fact(composeFilesFact)) {
    for (const svc of cf.services) if (svc.replicas && !svc.dev) replicas.push({ file: cf.path, line: svc.replicas.line, count: svc.replicas.count, kind: 'compose' });
  }
  await followScripts(repo, scripts, add);
  const cluster = await repo.fact(nodeClusterFact);
  return { commands, gunicornConfigs, replicas, cluster, multiProcess: multiProcess(commands, replicas, cluster) };
});

/** `sh -c "gunicorn …"` → the commands of the script text; anything else as is. */
function unwrapShell(words: string[]): string[][] {
  const shells = new Set(['sh', 'bash', 'ash', 'dash', '/bin/sh', '/bin/bash', '/usr/bin/env']);
  if (words.length >= 3 && shells.has(words[0]) && words[1] === '-c') return splitShell(words.slice(2).join(' '));
  return [words];
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => String(x)) : [];
}

/** Shell scripts an entry command runs (`./start.sh`, `sh scripts/entrypoint.sh`): their commands too, one level deep. */
async function followScripts(
  repo: RepoContext,
  scripts: ReadonlyArray<{ name: string; via: Omit<ServeCommand, keyof ServerCommand> }>,
  add: (argvs: string[][], where: Omit<ServeCommand, keyof ServerCommand>) => void,
) {
  const seen = new Set<string>();
  for (const { name, via } of scripts) {
    const base = name.slice(name.lastIndexOf('/') + 1);
    const file = repo.has(name) ? name : repo.files.find((f) => f.path.endsWith('/' + base) || f.path === base)?.path;
    if (!file || seen.has(file)) continue;
    seen.add(file);
    const text = await repo.text(file);
    if (!text) continue;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (/^\s*#/.test(lines[i]) || lines[i].length > 4096) continue;
      add(splitShell(lines[i]), { source: 'script', file, line: i + 1, role: via.role, dev: via.dev });
    }
  }
}

function envDefault(env: DeployEnv, name: string): string | null {
  const s = env.production(name).find((x) => x.value !== null);
  return s?.value ?? null;
}

function multiProcess(commands: ServeCommand[], replicas: ReplicaSetting[], cluster: NodeCluster | null): Serving['multiProcess'] {
  for (const c of commands) {
    if (c.dev || !c.server || (c.role && !/^(web|app|api|server|http)/i.test(c.role) && c.source === 'procfile')) continue;
    if (isMany(c.workers)) return { file: c.workersFrom?.file ?? c.file, line: c.workersFrom?.line ?? c.line, reason: `${c.server} runs ${c.workers === 'auto' ? 'one worker per CPU or more' : `${c.workers} workers`}` };
  }
  if (cluster && isMany(cluster.workers)) return { file: cluster.file, line: cluster.line, reason: `${cluster.via} forks ${cluster.workers === 'auto' ? 'one worker per CPU' : `${cluster.workers} workers`}` };
  const r = replicas.find((x) => x.count > 1);
  return r ? { file: r.file, line: r.line, reason: `${r.count} ${r.kind === 'autoscaler' ? 'replicas at most (autoscaler)' : 'replicas'}` } : null;
}

function isMany(w: Workers): boolean {
  return w === 'auto' || (typeof w === 'number' && w > 1);
}
