/**
 * What a CI step does, read from its commands and the action/orb/task it uses: does it run tests,
 * does it build (install dependencies, compile, package, build an image)? Commands arrive with
 * wrappers removed and npm/make scripts resolved by the CI fact.
 */
import { commandLabel, type CiJob, type CiStep, type Command } from '../../src/facts/ci/index.js';

export interface Evidence {
  file: string;
  line: number;
  what: string;
}

const TEST_RUNNERS = new Set([
  'pytest', 'py.test', 'tox', 'nox', 'nosetests', 'nose2', 'unittest', 'trial', 'jest', 'vitest', 'mocha', 'ava', 'tap', 'jasmine',
  'karma', 'cypress', 'playwright', 'rspec', 'phpunit', 'pest', 'paratest', 'behat', 'codecept', 'ctest', 'testthat', 'busted', 'prove',
]);
/** Tools whose subcommand says "test": `go test`, `cargo test`, `dotnet test`, `mix test` … */
const TEST_SUBCOMMAND = new Set(['go', 'cargo', 'dotnet', 'mix', 'deno', 'bun', 'swift', 'flutter', 'dart', 'sbt', 'lein', 'stack', 'cabal', 'zig', 'bazel', 'bazelisk', 'ant', 'meson', 'ninja', 'xcodebuild', 'hatch', 'rake', 'django-admin', 'elixir', 'uvx']);
const TEST_WORD = /^(test|tests|check|spec|nextest|verify|e2e|unit|integration|test-\S*|test:\S*|tests?_\S*)$/;
const TEST_NAME = /(^|[^a-z])(tests?|spec|specs|e2e|unittest|pytest|jest|vitest)([^a-z]|$)/i;
const MAVEN_TEST_PHASES = /^(test|verify|install|package|integration-test|deploy)$/;
const GRADLE_TEST_TASKS = /^(:?[\w-]+:)*(test\w*|check|build|connectedCheck|integrationTest)$/;

export function isTestCommand(c: Command): boolean {
  const [tool, ...args] = c.argv;
  if (!tool) return false;
  const name = tool.toLowerCase().replace(/\.(exe|cmd|bat)$/, '');
  if (name === 'tox' || name === 'nox') return !onlyChoresSelected(args);
  if (TEST_RUNNERS.has(name)) return !args.includes('--version') && !args.includes('--help');
  if (TEST_SUBCOMMAND.has(name)) return args.some((a) => TEST_WORD.test(a));
  if (name === 'mvn' || name === 'mvnw' || name === 'maven') return args.some((a) => MAVEN_TEST_PHASES.test(a.replace(/^.*:/, ''))) && !args.some((a) => /^-D(skipTests|maven\.test\.skip)(=true)?$/.test(a));
  if (name === 'gradle' || name === 'gradlew') return args.some((a, i) => GRADLE_TEST_TASKS.test(a) && args[i - 1] !== '-x');
  if (name === 'npm' || name === 'yarn' || name === 'pnpm' || name === 'bun') return scriptWord(args).some((a) => TEST_NAME.test(a));
  if (name === 'make' || name === 'just' || name === 'task' || name === 'invoke' || name === 'inv' || name === 'nx' || name === 'turbo' || name === 'lerna') {
    return args.some((a) => !a.startsWith('-') && TEST_NAME.test(a));
  }
  if (args[0] === 'manage.py' || name === 'manage.py' || args[0] === 'setup.py') return args.includes('test');
  if ((name === 'python' || name === 'python3') && args[0] && TEST_NAME.test(args[0])) return true;
  // A script named for tests: ./scripts/run-tests.sh, bin/run_tests, ci/unit-test.ps1. A bare
  // `test` is the shell builtin (`test -f x`), not a test run.
  return (/\.(sh|bash|ps1|py|rb|js|mjs|cmd|bat)$/.test(name) || /[-_]/.test(name)) && TEST_NAME.test(name.replace(/\.\w+$/, ''));
}

const CHORES = /^(lint|typing|mypy|pyright|docs?|style|format|fmt|flake8|ruff|pre-commit|pylint|black|isort|build|release|publish|coverage-report|spell)$/;

/** `tox -e lint,typing` / `nox -s docs`: environments that only lint, type-check or build docs. */
function onlyChoresSelected(args: string[]): boolean {
  const i = args.findIndex((a) => a === '-e' || a === '-s' || a === '--session' || a === '--sessions');
  const envs = i >= 0 ? (args[i + 1] ?? '').split(',').map((e) => e.trim()).filter(Boolean) : [];
  return envs.length > 0 && envs.every((e) => CHORES.test(e));
}

function scriptWord(args: string[]): string[] {
  const i = args.findIndex((a) => !a.startsWith('-'));
  if (i < 0) return [];
  return args[i] === 'run' || args[i] === 'run-script' ? args.slice(i + 1, i + 2) : args.slice(i, i + 1);
}

const INSTALL = /^(ci|install|i|sync|add|restore|download|fetch|get|deps\.get)$/;
const BUILD_WORD = /^(build|compile|assemble|package|install|verify|publish|dist|bundle|buildx|wheel|sdist|test|check|nextest)$/;
const BUILD_TOOLS = new Set(['tsc', 'webpack', 'rollup', 'esbuild', 'vite', 'next', 'nuxt', 'parcel', 'cmake', 'msbuild', 'javac', 'gcc', 'clang', 'rustc', 'pyinstaller', 'kaniko', 'executor', 'buildah', 'podman', 'ko', 'goreleaser', 'pack', 'nix']);

export function isBuildCommand(c: Command): boolean {
  const [tool, ...args] = c.argv;
  if (!tool) return false;
  const name = tool.toLowerCase().replace(/\.(exe|cmd|bat)$/, '');
  const first = args.find((a) => !a.startsWith('-')) ?? '';
  if (BUILD_TOOLS.has(name)) return true;
  if (name === 'npm' || name === 'yarn' || name === 'pnpm' || name === 'bun') return name === 'yarn' && !first ? true : INSTALL.test(first) || scriptWord(args).some((a) => /build|compile|bundle|dist/.test(a));
  if (['pip', 'pip3', 'poetry', 'uv', 'pipenv', 'pdm', 'conda', 'mamba', 'bundle', 'composer', 'dotnet', 'nuget', 'mix', 'go', 'cargo', 'swift', 'flutter', 'dart', 'hatch', 'sbt', 'stack', 'cabal', 'zig', 'bazel', 'bazelisk'].includes(name)) {
    return INSTALL.test(first) || BUILD_WORD.test(first) || (name === 'go' && first === 'mod') || args.some((a) => BUILD_WORD.test(a));
  }
  if (name === 'mvn' || name === 'mvnw' || name === 'gradle' || name === 'gradlew' || name === 'make' || name === 'ant' || name === 'ninja' || name === 'meson' || name === 'xcodebuild') return true;
  if (name === 'docker' || name === 'docker-compose') return args.some((a) => a === 'build' || a === 'buildx');
  if (name === 'python' || name === 'python3') return args[0] === 'build' || (args[0] === 'setup.py' && /build|install|bdist|sdist/.test(args[1] ?? ''));
  return false;
}

/** Actions, orbs and tasks that run tests or builds. */
const TEST_USES = /(^|\/)(cypress-io\/github-action|playwright|pytest|[\w-]*test[\w-]*)(@|$)|^(VSTest|PublishTestResults|junit|xunit|nunit)(@|$)/i;
const BUILD_USES = /^docker\/(build-push-action|bake-action)|(^|\/)(install-packages|install-deps|build[\w-]*)(@|$)|^(Docker|DotNetCoreCLI|MSBuild|VSBuild|Maven|Gradle|Npm|NuGetCommand|Go)@/i;

export function stepTests(step: CiStep): Evidence[] {
  const out: Evidence[] = step.commands.filter(isTestCommand).map((c) => ({ file: c.file, line: c.line, what: commandLabel(c.argv) }));
  const uses = step.uses;
  if (uses && (TEST_USES.test(uses.value) || taskRunsTests(step))) out.push({ file: uses.file, line: uses.line, what: uses.value });
  return out;
}

export function stepBuilds(step: CiStep): boolean {
  return step.commands.some(isBuildCommand) || (!!step.uses && BUILD_USES.test(step.uses.value));
}

/** Azure tasks and gradle/maven actions that test when asked: DotNetCoreCLI command: test, Maven goals: verify … */
function taskRunsTests(step: CiStep): boolean {
  const ref = step.uses?.value ?? '';
  const input = (k: string) => step.inputs.get(k)?.text ?? '';
  if (/^DotNetCoreCLI@/i.test(ref)) return input('command') === 'test';
  if (/^Maven@/i.test(ref)) return MAVEN_TEST_PHASES.test(input('goals') || 'package');
  if (/^Gradle@/i.test(ref)) return /test|check|build/.test(input('tasks') || 'build');
  if (/^Npm@/i.test(ref)) return TEST_NAME.test(input('customCommand'));
  if (/gradle-build-action|gradle\/actions/.test(ref)) return /test|check|build/.test(input('arguments'));
  return false;
}

/** Tests a job runs; a job or stage named for tests that runs commands counts as well. */
export function jobTests(job: CiJob): Evidence[] {
  const out = job.steps.filter((s) => !s.continueOnError).flatMap(stepTests);
  if (out.length) return out;
  const named = [job.id, job.name, job.stage === 'test' && job.system !== 'gitlab' ? job.stage : undefined].some((n) => n && TEST_NAME.test(n));
  const runs = job.steps.find((s) => !s.continueOnError && s.commands.some((c) => c.argv[0] !== 'echo'));
  return named && runs ? [{ file: runs.file, line: runs.line, what: `job ${job.id}` }] : [];
}
