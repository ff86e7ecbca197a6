/**
 * What `mina init` knows and decides: the detected stack (shown before anything is written), the
 * answers (detected defaults, or what the user typed), the scaffolds and the files they plan.
 */
import type { RepoContext } from '../context/repo-context.js';
import type { CheckResult } from '../engine/run-checks.js';
import type { TargetFormat } from './template/values.js';

/** A detected fact and where it was read, so the summary can say why mina thinks so. */
export interface Detected<T> {
  value: T;
  /** `requirements.txt:3`, `package.json scripts.start`; null for a default. */
  from: string | null;
}

export type Language = 'python' | 'node';
export type Framework = 'flask' | 'fastapi' | 'django' | 'express' | 'fastify' | 'nest';
export type PackageManager = 'pip' | 'poetry' | 'uv' | 'pipenv' | 'npm' | 'yarn' | 'pnpm';

export interface AppStack {
  language: Language;
  framework: Detected<Framework> | null;
  /** Socket.IO (Flask-SocketIO, python-socketio, socket.io). */
  realtime: Detected<string> | null;
  /** gunicorn worker class or async server: eventlet, gevent, uvicorn workers. */
  workerClass: Detected<string> | null;
  packageManager: Detected<PackageManager>;
  /** The dependency file the image installs from (`requirements.txt`, `pyproject.toml`, `package.json`). */
  manifest: string | null;
  lockfile: string | null;
  /** The tool version a lockfile names (Poetry writes it in its header). */
  toolVersion: string | null;
  /** The command that serves the app in production (exec form); `{PORT}` marks where the chosen port goes. */
  command: Detected<string[]> | null;
  port: Detected<number>;
  /** Liveness and readiness paths the app registers, or null when it has none. */
  health: { liveness: Detected<string> | null; readiness: Detected<string> | null };
  runtimeVersion: Detected<string>;
  /** Node: an npm `build` script to run in the build stage. */
  buildScript: boolean;
  /** How CI runs the tests: argv, or null when the project has no test command. */
  testCommand: Detected<string[]> | null;
  /** Python native build needs (psycopg2, mysqlclient): apt packages for build and run stages. */
  nativePackages: { build: string[]; run: string[] };
  /** A package the command needs that the dependencies do not declare (gunicorn, uvicorn). */
  missingServer: string | null;
}

export interface Stack {
  root: string;
  name: Detected<string>;
  app: AppStack | null;
  databases: Array<Detected<'postgres' | 'mysql' | 'mongodb' | 'sqlite' | 'sql'>>;
  caches: Array<Detected<'redis' | 'memcached'>>;
  /** The env variable the app reads its database URL from. */
  databaseUrlEnv: Detected<string>;
  ci: { systems: string[]; files: string[] };
  k8s: {
    layout: 'none' | 'plain' | 'kustomize' | 'helm';
    /** Directory of the app's manifests (or of the chart). */
    dir: string | null;
    /** The app's replicated workloads: their manifest file, name, labels, namespace and containers' ports. */
    workloads: Array<{
      file: string;
      name: string;
      namespace: string | null;
      labels: Record<string, string>;
      ports: number[];
      containers: string[];
      /** Image repositories of the app containers, without tag or digest. */
      images: string[];
      /** Secrets the app containers take their environment from (`envFrom.secretRef`). */
      envSecrets: string[];
    }>;
  };
  /** Platform deploy files (fly.toml, Procfile …): Kubernetes is then not the default target. */
  platforms: string[];
  dockerfiles: string[];
  git: { host: string | null; owner: string | null; repo: string | null; branch: Detected<string> };
  /** Things the user should know, found while detecting. */
  notes: string[];
}

export interface Answers {
  /** Scaffold ids to write. */
  scaffolds: string[];
  name: string;
  port: number;
  /** Image repository without tag, e.g. ghcr.io/acme/shop. */
  image: string;
  /** Namespace the Kubernetes objects go in; null: wherever they are applied. */
  namespace: string | null;
  /** Namespace of the ingress controller allowed to reach the app. */
  ingressNamespace: string;
  minScore: number;
  codeOwner: string;
  securityContact: string | null;
}

export interface FileSpec {
  /** Repository-relative, `/`-separated. */
  path: string;
  format: TargetFormat;
  /** New content; for a patch, the patched content of the existing file. */
  content: string;
  /** 0o755 for scripts. */
  mode?: number;
  /** The file exists and this changes it (only written with --force). */
  patch?: boolean;
}

export interface ScaffoldContext {
  repo: RepoContext;
  stack: Stack;
  answers: Answers;
  before: ReadonlyMap<string, CheckResult>;
}

export interface Offer {
  /** Selected by default (`--yes` takes it). */
  preselect: boolean;
  reason: string;
}

export interface Scaffold {
  id: string;
  title: string;
  /** The check ids whose failure this scaffold answers (`--only` accepts them). */
  answers: string[];
  /** Whether to offer it, and why; null when nothing is missing or it does not fit the stack. */
  offer(ctx: Omit<ScaffoldContext, 'answers'>): Offer | null;
  /** Scaffolds whose files this one builds on (the manifests a backup job joins), added when offered. */
  needs?: string[];
  files(ctx: ScaffoldContext): Promise<FileSpec[]> | FileSpec[];
}
