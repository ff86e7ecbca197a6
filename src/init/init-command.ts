/**
 * The `mina init` command line. Questions go to the terminal only when stdin and stdout are both
 * TTYs; without one, `--yes` or `--dry-run` is required (exit 2 otherwise, like any usage error).
 */
import type { Command } from 'commander';
import { commander } from '../commonjs-packages.js';

const { InvalidArgumentError } = commander;
import type { InitOptions } from './run-init.js';

export function registerInitCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('init')
    .description('detect the stack and scaffold what the failing checks need (Dockerfile, CI, Dependabot, Kubernetes, backups, runbooks, policies, mina.yaml); never overwrites without --force')
    .argument('[path]', 'repository to scaffold', '.')
    .option('-y, --yes', 'no questions: take the detected defaults')
    .option('--dry-run', 'print the plan, the predicted check results and the diffs; write nothing')
    .option('--force', 'replace existing files that differ (each old file is kept as <file>.mina-bak)')
    .option('--only <ids>', 'only these scaffolds or the scaffolds answering these check ids (comma-separated, repeatable)', collectIds)
    .option('--name <name>', 'service name (default: package.json/pyproject name, else the directory)')
    .option('--port <n>', 'port the service listens on (default: detected)', parsePort)
    .option('--image <repository>', 'image repository without tag (default: ghcr.io/<owner>/<name>)')
    .option('--namespace <ns>', 'Kubernetes namespace for new manifests (default: none, the one applied to)')
    .option('--min-score <n>', 'readiness gate threshold (default: the predicted score, rounded down to 5)', parseScore)
    .option('--owner <@handle>', 'code owner for CODEOWNERS (default: @<GitHub owner>)')
    .option('--security-contact <email>', 'an email address for SECURITY.md besides GitHub private reporting')
    .option('--rubric <file>', 'rubric whose checks decide what is missing (default: the one mina.yaml names)')
    .option('--no-plugins', 'do not load plugins named in mina.yaml')
    .option('--no-color', 'no colours')
    .action(async (path: string, opts: InitOptions) => {
      const tty = !!process.stdin.isTTY && !!process.stdout.isTTY;
      const color = opts.color !== false && !!process.stdout.isTTY && !process.env.NO_COLOR;
      // loaded here: the detectors, scaffolds and prompts are heavy and only `mina init` needs them
      const { runInit } = await import('./run-init.js');
      const outcome = await runInit(path, { ...opts, color }, { out: (t) => process.stdout.write(t), prompts: tty ? { input: process.stdin, output: process.stdout } : null });
      setExit(outcome.code);
    });
}

function collectIds(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value) || n < 1 || n > 65535) throw new InvalidArgumentError('expected a port from 1 to 65535');
  return n;
}

function parseScore(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 100) throw new InvalidArgumentError('expected a score above 0, at most 100');
  return n;
}
