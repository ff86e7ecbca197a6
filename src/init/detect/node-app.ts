/**
 * A Node service: framework (Express, Fastify, NestJS) and Socket.IO from package.json; package
 * manager from the lockfile (or `packageManager`); the entry script from `scripts.start`, `main` or
 * NestJS's `dist/main.js`; the port from `listen(…)` calls in the code; the test script.
 */
import type { RepoContext } from '../../context/repo-context.js';
import { jsonParser } from '../../context/parsers/json.js';
import { codeIndexFact, findCallsEverywhere, optionOf, valueOf, type CallSite, type CodeIndex, type Value } from '../../facts/code/index.js';
import { describeCommand } from '../../facts/server-command.js';
import { splitShell } from '../../facts/dockerfile-shell.js';
import type { AppStack, Detected, Framework, PackageManager } from '../model.js';
import { detectHealth } from './health.js';
import { numberFrom, runtimeVersion } from './python-project.js';

interface PackageJson {
  name?: unknown;
  main?: unknown;
  scripts?: Record<string, unknown>;
  dependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
  packageManager?: unknown;
}

const NPM_DEFAULT_TEST = /no test specified/;
const LOCKS: Array<[string, PackageManager]> = [['package-lock.json', 'npm'], ['npm-shrinkwrap.json', 'npm'], ['pnpm-lock.yaml', 'pnpm'], ['yarn.lock', 'yarn']];

export async function readPackageJson(repo: RepoContext): Promise<PackageJson | null> {
  const parsed = repo.has('package.json') ? await repo.parse('package.json', jsonParser) : null;
  const v = parsed?.value;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as PackageJson) : null;
}

export async function detectNodeApp(repo: RepoContext, pkg: PackageJson): Promise<AppStack> {
  const deps = { ...(pkg.dependencies ?? {}) };
  const scripts = pkg.scripts ?? {};
  const script = (n: string) => (typeof scripts[n] === 'string' ? (scripts[n] as string) : null);
  const fw: Framework | null = deps['@nestjs/core'] ? 'nest' : deps.fastify ? 'fastify' : deps.express ? 'express' : null;
  const fwPackage = fw === 'nest' ? '@nestjs/core' : fw;
  const lock = LOCKS.find(([f]) => repo.has(f));
  const declared = typeof pkg.packageManager === 'string' ? /^(npm|yarn|pnpm)@/.exec(pkg.packageManager)?.[1] as PackageManager | undefined : undefined;
  const pm: PackageManager = lock?.[1] ?? declared ?? 'npm';
  const index = await repo.fact(codeIndexFact);
  const port = nodePort(index) ?? { value: 3000, from: null };
  const test = script('test');
  return {
    language: 'node',
    framework: fw ? { value: fw, from: `package.json dependencies.${fwPackage}` } : null,
    realtime: deps['socket.io'] ? { value: 'socket.io', from: 'package.json dependencies.socket.io' } : null,
    workerClass: null,
    packageManager: { value: pm, from: lock?.[0] ?? (declared ? 'package.json packageManager' : null) },
    manifest: 'package.json',
    lockfile: lock?.[0] ?? null,
    toolVersion: typeof pkg.packageManager === 'string' ? /@(\d+\.\d+\.\d+)/.exec(pkg.packageManager)?.[1] ?? null : null,
    command: entryCommand(repo, pkg, fw, script('start')),
    port,
    health: await detectHealth(repo),
    runtimeVersion: await runtimeVersion(repo, 'node'),
    buildScript: script('build') !== null,
    testCommand: test && !NPM_DEFAULT_TEST.test(test) ? { value: [pm, 'test'], from: 'package.json scripts.test' } : null,
    nativePackages: { build: [], run: [] },
    missingServer: null,
  };
}

/** `node <script>` from `scripts.start` (wrappers looked through), else `main`, else NestJS's build output. */
function entryCommand(repo: RepoContext, pkg: PackageJson, fw: Framework | null, start: string | null): Detected<string[]> | null {
  for (const argv of start ? splitShell(start) : []) {
    const c = describeCommand(argv, { env: () => null, gunicornConfigs: [] });
    if (c?.server === 'node' && c.script && /^[\w./-]+$/.test(c.script) && !/\.ts$/.test(c.script)) return { value: ['node', c.script.replace(/^\.\//, '')], from: 'package.json scripts.start' };
  }
  if (fw === 'nest') return { value: ['node', 'dist/main.js'], from: 'NestJS build output (nest build)' };
  if (typeof pkg.main === 'string' && /^[\w./-]+\.[cm]?js$/.test(pkg.main)) return { value: ['node', pkg.main.replace(/^\.\//, '')], from: 'package.json main' };
  const guess = ['server.js', 'index.js', 'app.js', 'src/server.js', 'src/index.js', 'src/main.js', 'src/app.js'].find((f) => repo.has(f));
  return guess ? { value: ['node', guess], from: guess } : null;
}

/** `app.listen(3000)`, `listen(process.env.PORT || 3000)`, `fastify.listen({ port })`, NestJS `app.listen(…)`. */
function nodePort(index: CodeIndex): Detected<number> | null {
  const calls = findCallsEverywhere(index, [['express', '().listen'], ['fastify', '().listen'], ['fastify', 'default().listen'], ['fastify', 'fastify().listen'], ['@nestjs/core', 'NestFactory.create().listen'], ['http', 'createServer().listen'], ['node:http', 'createServer().listen']], 'js');
  for (const call of calls) {
    const n = portOf(index, call);
    if (n) return { value: n, from: `${call.file.path}:${call.line}` };
  }
  return null;
}

function portOf(index: CodeIndex, call: CallSite): number | null {
  const first = call.args[0] ? valueOf(index, call.file, call.args[0]) : null;
  const option = first?.kind === 'map' ? optionOf(index, call, 'port') : first;
  return option ? numberOf(option) : null;
}

function numberOf(v: Value): number | null {
  if (v.kind === 'number') return numberFrom(String(v.value));
  if (v.kind === 'string') return numberFrom(v.value);
  if (v.kind === 'env' && v.fallback) return numberOf(v.fallback);
  return null;
}
