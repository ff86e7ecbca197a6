/**
 * Rules about how the final image is built: package-manager caches left in its layers, and compilers
 * or build tools shipped in it instead of being left behind in a build stage. Only the stages whose
 * layers end up in the final image count: a builder stage may be as fat as it likes.
 */
import type { Finding } from '../../src/engine/check-api.js';
import type { DockerInstruction, DockerStage } from '../../src/facts/dockerfiles.js';
import { programOf, splitShell, type ShellCommand } from '../../src/facts/dockerfile-shell.js';
import type { Rule } from './rule.js';

interface RunStep {
  ins: DockerInstruction;
  commands: ShellCommand[];
  /** Cache mounts (`RUN --mount=type=cache,target=…`): caches there never reach a layer. */
  cacheTargets: string[];
}

function runSteps(stages: readonly DockerStage[]): RunStep[] {
  return stages.flatMap((s) =>
    s.instructions
      .filter((i) => i.keyword === 'RUN')
      .map((ins) => ({
        ins,
        commands: ins.args.startsWith('[') ? [ins.words] : splitShell(ins.args),
        cacheTargets: ins.flags.filter((f) => f.name === 'mount' && /\btype=cache\b/.test(f.value ?? '')).map((f) => /\b(?:target|dst|destination)=([^,]+)/.exec(f.value ?? '')?.[1] ?? ''),
      })),
  );
}

const has = (cmd: ShellCommand, word: string) => cmd.includes(word);
const isApt = (c: ShellCommand) => ['apt-get', 'apt', 'aptitude'].includes(programOf(c)) && has(c, 'install');
const isApk = (c: ShellCommand) => programOf(c) === 'apk' && has(c, 'add');
const isYum = (c: ShellCommand) => ['yum', 'dnf', 'microdnf', 'tdnf'].includes(programOf(c)) && (has(c, 'install') || has(c, 'groupinstall'));
const isPip = (c: ShellCommand) =>
  (/^pip[\d.]*$/.test(programOf(c)) && has(c, 'install')) || (/^python[\d.]*$/.test(programOf(c)) && has(c, '-m') && has(c, 'pip') && has(c, 'install'));
const removes = (c: ShellCommand, prefix: string) => programOf(c) === 'rm' && c.some((w) => w.startsWith(prefix));
const cached = (step: RunStep, prefix: string) => step.cacheTargets.some((t) => t.startsWith(prefix));

interface CacheKind {
  id: string;
  manager: string;
  installs(c: ShellCommand): boolean;
  /** The install leaves no cache behind: a flag on the install, a cleanup or a cache mount in the same RUN. */
  clean(step: RunStep, install: ShellCommand, env: ReadonlySet<string>): boolean;
  hint: string;
}

const CACHES: CacheKind[] = [
  {
    id: 'apt-cache',
    manager: 'apt-get install',
    installs: isApt,
    clean: (s) => s.commands.some((c) => removes(c, '/var/lib/apt/lists')) || cached(s, '/var/lib/apt'),
    hint: 'end the same RUN with `&& rm -rf /var/lib/apt/lists/*` (and use --no-install-recommends)',
  },
  {
    id: 'apk-cache',
    manager: 'apk add',
    installs: isApk,
    clean: (s, c) => has(c, '--no-cache') || s.commands.some((x) => removes(x, '/var/cache/apk')) || cached(s, '/var/cache/apk'),
    hint: 'use `apk add --no-cache …`',
  },
  {
    id: 'yum-cache',
    manager: 'yum/dnf install',
    installs: isYum,
    clean: (s) => s.commands.some((c) => (['yum', 'dnf', 'microdnf', 'tdnf'].includes(programOf(c)) && has(c, 'clean')) || removes(c, '/var/cache/yum') || removes(c, '/var/cache/dnf')) || cached(s, '/var/cache/'),
    hint: 'end the same RUN with `&& yum clean all && rm -rf /var/cache/yum` (dnf: `dnf clean all`)',
  },
  {
    id: 'pip-cache',
    manager: 'pip install',
    installs: isPip,
    clean: (s, c, env) =>
      c.some((w) => w.startsWith('--no-cache-dir')) || env.has('PIP_NO_CACHE_DIR') || s.commands.some((x) => removes(x, '/root/.cache') || (programOf(x).startsWith('pip') && has(x, 'cache') && has(x, 'purge'))) || s.cacheTargets.some((t) => t.includes('.cache')),
    hint: 'use `pip install --no-cache-dir …` or set `ENV PIP_NO_CACHE_DIR=1`',
  },
];

export const packageCacheRule: Rule = {
  id: 'package-cache',
  title: 'package-manager caches cleaned',
  check({ df }) {
    const findings: Finding[] = [];
    const env = new Set(df.finalChain.flatMap((s) => s.instructions.filter((i) => i.keyword === 'ENV').flatMap((i) => i.properties.map((p) => p.name))));
    for (const step of runSteps(df.finalChain)) {
      for (const kind of CACHES) {
        const install = step.commands.find(kind.installs);
        if (install && !kind.clean(step, install, env)) {
          findings.push({ id: kind.id, message: `${kind.manager} leaves its cache in the image layer`, file: df.path, line: step.ins.line, severity: 'low', hint: kind.hint });
        }
      }
    }
    return findings;
  },
};

const TOOLCHAIN_PACKAGE = /^(gcc|g\+\+|gcc-c\+\+|clang|cargo|rustc|golang|golang-go|build-essential|build-base|alpine-sdk|make|cmake|Development Tools)([-=<>].*)?$/;
const BUILD_COMMANDS: Array<{ program: RegExp; sub?: string[]; label: string }> = [
  { program: /^go$/, sub: ['build', 'install'], label: 'go build' },
  { program: /^cargo$/, sub: ['build', 'install'], label: 'cargo build' },
  { program: /^(gcc|g\+\+|cc|c\+\+|clang)(-[\d.]+)?$/, label: 'a C/C++ compiler' },
  { program: /^make$/, label: 'make' },
  { program: /^(mvn|mvnw)$/, sub: ['package', 'install', 'verify'], label: 'mvn package' },
  { program: /^(gradle|gradlew)$/, sub: ['build', 'assemble', 'bootJar', 'installDist', 'shadowJar'], label: 'gradle build' },
  { program: /^dotnet$/, sub: ['publish', 'build'], label: 'dotnet publish' },
];
const REMOVAL = (c: ShellCommand) => (['apt-get', 'apt'].includes(programOf(c)) && (has(c, 'purge') || has(c, 'remove'))) || (programOf(c) === 'apk' && has(c, 'del')) || (['yum', 'dnf'].includes(programOf(c)) && (has(c, 'remove') || has(c, 'erase')));

export const multiStageRule: Rule = {
  id: 'multi-stage',
  title: 'no build toolchain in the final image (multi-stage build)',
  check({ df }) {
    for (const step of runSteps(df.finalChain)) {
      const removed = new Set(step.commands.filter(REMOVAL).flat());
      for (const cmd of step.commands) {
        const tool = toolchainIn(cmd, removed);
        if (!tool) continue;
        const single = df.stages.length === 1;
        return [{
          id: 'toolchain-in-final-image',
          message: `${tool} ${single ? 'in a single-stage build' : 'in the final stage'}: the compiler and build tools ship in the image`,
          file: df.path,
          line: step.ins.line,
          severity: 'medium',
          hint: 'build in a `FROM … AS build` stage and `COPY --from=build` only the artefacts into a slim or distroless final stage',
        }];
      }
    }
    return [];
  },
};

function toolchainIn(cmd: ShellCommand, removed: ReadonlySet<string>): string | null {
  if (isApt(cmd) || isApk(cmd) || isYum(cmd)) {
    // `apk add --virtual .build-deps gcc … && apk del .build-deps` leaves nothing behind
    const at = cmd.findIndex((w) => w === '--virtual' || w === '-t');
    const group = at >= 0 ? cmd[at + 1] : cmd.find((w) => w.startsWith('--virtual='))?.slice('--virtual='.length);
    if (group && removed.has(group)) return null;
    const pkg = cmd.find((w) => TOOLCHAIN_PACKAGE.test(w) && !removed.has(w.split(/[=<>]/)[0]));
    return pkg ? `installs ${pkg}` : null;
  }
  const program = programOf(cmd).replace(/^\.\//, '');
  for (const b of BUILD_COMMANDS) {
    if (b.program.test(program) && (!b.sub || cmd.slice(1).some((w) => b.sub!.includes(w)))) return `runs ${b.label}`;
  }
  return null;
}
