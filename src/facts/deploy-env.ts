/**
 * Environment variables the deployment sets for the service: Dockerfile `ENV` (final image),
 * Compose `environment` and the `env_file`s it loads, Kubernetes container `env` (literal values,
 * or a reference to a Secret/ConfigMap/field) and `envFrom` ConfigMaps, and `.env`-style files.
 * Each setting says where it is and whether it comes from a development-only config.
 */
import { defineFact, type RepoContext } from '../context/repo-context.js';
import { dotenvParser } from '../context/parsers/dotenv.js';
import { dockerfilesFact } from './dockerfiles.js';
import { composeFilesFact } from './compose.js';
import { k8sFact, asRecord, type K8sObject } from './k8s/index.js';
import { isTestPath, isVendoredPath } from './code/sources.js';

export type EnvSource = 'dockerfile' | 'compose' | 'k8s' | 'dotenv';

export interface EnvSetting {
  name: string;
  /** The literal value; null when it is a reference or passed through. */
  value: string | null;
  file: string;
  line: number;
  source: EnvSource;
  /** From a file named for development, local use, tests or examples. */
  dev: boolean;
  /** Kubernetes `valueFrom`/`envFrom` kind, when the value is a reference. */
  ref?: 'secret' | 'configmap' | 'field' | 'other';
}

export interface DeployEnv {
  settings: EnvSetting[];
  /** Settings of `name` outside development-only files (dotenv files included). */
  production(name: string): EnvSetting[];
}

const DEV_NAME = /(^|[/._-])(dev|devel|development|local|test|testing|ci|example|sample|template|dist|defaults?)([/._-]|$)/i;
const DOTENV = ['**/.env', '**/.env.*', '**/*.env', '**/.flaskenv'];

export function isDevPath(path: string): boolean {
  return DEV_NAME.test(path.slice(path.lastIndexOf('/') + 1)) || /(^|\/)(overlays|envs?)\/(dev|local|test|staging-local)\//i.test(path);
}

export const deployEnvFact = defineFact<DeployEnv>('deploy-env', async (repo) => {
  const settings: EnvSetting[] = [];
  for (const df of await repo.fact(dockerfilesFact)) {
    const dev = isDevPath(df.path);
    for (const stage of df.finalChain) {
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'ENV') continue;
        for (const p of ins.properties) settings.push({ name: p.name, value: p.value, file: df.path, line: p.line, source: 'dockerfile', dev });
      }
    }
  }
  for (const cf of await repo.fact(composeFilesFact)) {
    for (const svc of cf.services) {
      for (const e of svc.environment) settings.push({ name: e.name, value: e.value, file: cf.path, line: e.line, source: 'compose', dev: svc.dev });
      for (const ef of svc.envFiles) {
        const path = joinRel(cf.path, ef.path);
        for (const entry of (await repo.parse(path, dotenvParser)) ?? []) {
          settings.push({ name: entry.name, value: entry.value, file: path, line: entry.line, source: 'compose', dev: svc.dev });
        }
      }
    }
  }
  settings.push(...k8sEnv((await repo.fact(k8sFact)).objects));
  settings.push(...(await dotenvSettings(repo)));
  return {
    settings,
    production: (name) => settings.filter((s) => s.name === name && !s.dev),
  };
});

function k8sEnv(objects: readonly K8sObject[]): EnvSetting[] {
  const out: EnvSetting[] = [];
  const configMaps = new Map(objects.filter((o) => o.kind === 'ConfigMap' && o.name).map((o) => [o.name!, o]));
  for (const o of objects) {
    const podSpecPath = o.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template', 'spec'] : o.kind === 'Pod' ? ['spec'] : ['spec', 'template', 'spec'];
    let spec: unknown = o.value;
    for (const k of podSpecPath) spec = asRecord(spec)?.[k];
    const containers = asRecord(spec)?.containers;
    if (!Array.isArray(containers)) continue;
    const dev = isDevPath(o.file) || (o.overlay ? isDevPath(o.overlay + '/') : false);
    containers.forEach((c, ci) => {
      const container = asRecord(c);
      const env = container?.env;
      if (Array.isArray(env)) {
        env.forEach((e, ei) => {
          const entry = asRecord(e);
          if (typeof entry?.name !== 'string') return;
          const from = asRecord(entry.valueFrom);
          const ref = from ? (from.secretKeyRef ? 'secret' : from.configMapKeyRef ? 'configmap' : from.fieldRef || from.resourceFieldRef ? 'field' : 'other') : undefined;
          const value = ref ? null : entry.value === undefined || entry.value === null ? '' : String(entry.value);
          const at = o.locate([...podSpecPath, 'containers', ci, 'env', ei]);
          out.push({ name: entry.name, value, file: at.file, line: at.line, source: 'k8s', dev, ...(ref ? { ref } : {}) });
        });
      }
      const envFrom = container?.envFrom;
      if (Array.isArray(envFrom)) {
        for (const f of envFrom) {
          const cmName = asRecord(asRecord(f)?.configMapRef)?.name;
          const cm = typeof cmName === 'string' ? configMaps.get(cmName) : undefined;
          const data = asRecord(cm?.value.data);
          for (const [name, value] of Object.entries(data ?? {})) {
            const at = cm!.locate(['data', name]);
            out.push({ name, value: value === null ? null : String(value), file: at.file, line: at.line, source: 'k8s', dev, ref: 'configmap' });
          }
        }
      }
    });
  }
  return out;
}

async function dotenvSettings(repo: RepoContext): Promise<EnvSetting[]> {
  const out: EnvSetting[] = [];
  for (const f of repo.glob(DOTENV)) {
    if (isTestPath(f.path) || isVendoredPath(f.path) || f.size > 1024 * 1024) continue;
    const dev = isDevPath(f.path);
    for (const e of (await repo.parse(f.path, dotenvParser)) ?? []) out.push({ name: e.name, value: e.value, file: f.path, line: e.line, source: 'dotenv', dev });
  }
  return out;
}

function joinRel(from: string, rel: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const seg of rel.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg && seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}
