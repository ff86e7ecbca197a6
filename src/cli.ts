/**
 * The command line. Exit codes (cli.md): 0 pass, 1 gate failed, 2 usage or configuration error,
 * 3 internal error. Commands return their exit code; only this file touches process state.
 */
import type { Command as CommandType } from 'commander';
import { commander } from './commonjs-packages.js';

const { Command, CommanderError, InvalidArgumentError, Option } = commander;
import { ConfigError } from './config/config-error.js';
import { SEVERITIES } from './engine/check-api.js';
import { VERSION } from './package-root.js';
import { DEFAULT_MAX_AGE_MINUTES } from './commands/report-defaults.js';
import { noHistoryOption } from './commands/no-history-option.js';
import { REPORT_FORMATS } from './report/formats.js';
import { registerServiceCommand } from './service-lifecycle/command.js';
import { registerInitCommand } from './init/init-command.js';

// Each action's module is imported only when its command runs: `mina check` must not pay for
// loading the service, init, publish or advisory-download code (and their dependencies).
function buildProgram(setExit: (code: number) => void): CommandType {
  const program = new Command('mina')
    .description('Production-readiness checks: a 0-100 score against a YAML rubric, findings pinned to file and line, a CI gate.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run mina --help for usage)')
    .exitOverride();

  program
    .command('check')
    .description('run every applicable check of the rubric over the repository and exit by the gate')
    .argument('[path]', 'repository to check', '.')
    .option('--rubric <file>', 'rubric to score against (default: the one mina.yaml names, else the bundled default)')
    .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).default('terminal'))
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .option('--min-score <n>', 'fail the gate below this score (0-100)', parseScore)
    .addOption(new Option('--fail-on <severity>', 'fail the gate on any finding this severe or worse').choices([...SEVERITIES, 'none']))
    .option('--allow-errors', 'do not fail the gate because a check errored')
    .option('--per-package', 'also check each workspace package (npm/yarn/pnpm workspaces, Python sub-projects) on its own: a score per package plus the roll-up')
    .option('--no-baseline', 'also list the findings .mina/baseline.json accepts (and gate on them)')
    .option('--since <ref>', 'list only findings on lines changed since this git ref (with --fail-on: no new findings that severe); the score stays whole-repository')
    .option('--url <url>', 'also run the live checks against this running service')
    .option('--database-url <url>', 'also run the live database checks against this PostgreSQL (postgres://...)')
    .option('--advisory-db <path>', 'OSV advisory data: a directory or zip (default: $MINA_ADVISORY_DB, then the cache of mina db update)')
    .option('--offline', 'never use the network (no online advisory lookups)')
    .option('--history', 'also scan git history where a check supports it (secrets)')
    .addOption(noHistoryOption())
    .option('--no-plugins', 'do not load plugins named in mina.yaml (for untrusted repositories)')
    .option('--no-color', 'no colours or spinner, even on a terminal')
    .option('-v, --verbose', 'list passing and not-applicable checks too')
    .option('--files <paths...>', 'check only these files (relative to the current directory), e.g. the staged files a pre-commit hook passes')
    .option('--github <owner/repo[@ref]>', 'check a GitHub repository: shallow clone into a temporary folder, plus its settings (branch protection, security features)')
    .option('--github-org <org>', 'check every non-archived repository of an organisation: a summary table, per-repository JSON in ./mina-github-ORG/')
    .option('--concurrency <n>', 'repositories checked at once with --github-org', parseCount, 4)
    .option('--token <token>', 'GitHub token (default: $GITHUB_TOKEN; prefer the variable, a flag shows in the process list)')
    .option('--base-url <url>', 'GitHub API URL, for GitHub Enterprise Server: https://HOST/api/v3 (default: $GITHUB_API_URL, else https://api.github.com)')
    .option('--publish', 'inside GitHub Actions, also publish: check run with annotations, step summary, PR comment (as mina publish)')
    .option('--check-name <name>', 'check run name for --publish (default: mina, or "mina (folder)" for a sub-folder)')
    .option('--no-comment', 'with --publish: no pull-request comment')
    .action(async (path: string, opts) => setExit(await (await import('./commands/check-action.js')).checkAction(path, opts)));

  program
    .command('baseline')
    .description('accept the current findings: record their fingerprints in .mina/baseline.json so later checks list and gate on new findings only')
    .argument('[path]', 'repository to baseline', '.')
    .option('--rubric <file>', 'rubric to check against (default: the one mina.yaml names, else the bundled default)')
    .option('--offline', 'never use the network')
    .option('--advisory-db <path>', 'OSV advisory data: a directory or zip')
    .option('--no-plugins', 'do not load plugins named in mina.yaml')
    .action(async (path: string, opts) => setExit(await (await import('./commands/baseline-action.js')).baselineAction(path, opts)));

  program
    .command('publish')
    .description('inside GitHub Actions: publish the last check (or --report FILE) as a check run with annotations, the step summary and one PR comment with the change against the base branch')
    .argument('[path]', 'repository whose last mina check to publish', '.')
    .option('--report <file>', 'JSON report to publish (mina check --format json --output FILE)')
    .option('--token <token>', 'GitHub token (default: $GITHUB_TOKEN)')
    .option('--base-url <url>', 'GitHub API URL (default: $GITHUB_API_URL)')
    .option('--check-name <name>', 'check run name (default: mina, or "mina (folder)" for a sub-folder)')
    .option('--no-check-run', 'do not create a check run')
    .option('--no-comment', 'do not comment on the pull request')
    .option('--no-summary', 'do not write $GITHUB_STEP_SUMMARY')
    .action(async (path: string, opts) => setExit(await (await import('./commands/publish.js')).publishAction(path, opts)));

  program
    .command('checks')
    .description('list the checks (id, category, severity, weight), or explain one')
    .argument('[id]', 'a check id to explain')
    .option('--rubric <file>', 'rubric whose weights to show')
    .option('--no-plugins', 'do not load plugins named in mina.yaml')
    .action(async (id: string | undefined, opts) => setExit(await (await import('./commands/checks-action.js')).checksAction(id, opts)));

  program
    .command('report')
    .description('write the readiness roadmap (Markdown, or the HTML page) from the last check, running it if no recent result exists')
    .argument('[path]', 'repository', '.')
    .addOption(new Option('--format <format>', 'roadmap format').choices(['markdown', 'html']).default('markdown'))
    .option('-o, --output <file>', 'write the roadmap to this file instead of stdout')
    .option('--rubric <file>', 'rubric to plan against (default: the one mina.yaml names, else the bundled default)')
    .option('--max-age <minutes>', 'reuse a saved result at most this old', parseMinutes, DEFAULT_MAX_AGE_MINUTES)
    .option('--fresh', 'always run the checks, ignoring a saved result')
    .option('--url <url>', 'run the live checks against this service (implies --fresh)')
    .option('--database-url <url>', 'run the live database checks (implies --fresh)')
    .option('--advisory-db <path>', 'OSV advisory data for a fresh run')
    .option('--offline', 'never use the network')
    .option('--no-plugins', 'do not load plugins named in mina.yaml')
    .addOption(noHistoryOption())
    .action(async (path: string, opts) => setExit(await (await import('./commands/report.js')).reportAction(path, opts)));

  const rubric = program.command('rubric').description('validate, show or start a rubric');
  rubric
    .command('validate')
    .argument('<file>', 'rubric YAML')
    .description('validate a rubric against its JSON Schema and the known checks')
    .action(async (file: string) => setExit(await (await import('./commands/rubric-action.js')).rubricValidate(file)));
  rubric
    .command('show')
    .argument('[file]', 'rubric YAML (default: the one mina.yaml names, else the bundled default)')
    .description('print the effective rubric after extends')
    .action(async (file: string | undefined) => setExit(await (await import('./commands/rubric-action.js')).rubricShow(file)));
  rubric
    .command('init')
    .argument('[file]', 'where to write', 'rubric.yaml')
    .option('--force', 'overwrite an existing file')
    .description('write a starter rubric that extends the default')
    .action(async (file: string, opts: { force?: boolean }) => setExit(await (await import('./commands/rubric-action.js')).rubricInit(file, opts)));

  program
    .command('db')
    .description('manage the advisory data deps.vulnerabilities reads')
    .command('update')
    .description('download the OSV advisory archives (npm, PyPI) into the cache mina check uses (exit 1 if a download fails)')
    .option('--cache-dir <dir>', 'where to keep them (default: $MINA_CACHE_DIR/osv, else the XDG user cache)')
    .option('--ecosystem <name...>', 'only these ecosystems (npm, PyPI)')
    .option('--source <url>', 'archive base URL (default: $MINA_OSV_ARCHIVE_URL, else the OSV bucket)')
    .option('--from <path>', 'build the cache from OSV records on disk (a directory or zip) instead of downloading')
    .option('--no-color', 'no progress bar, even on a terminal')
    .action(async (opts) => setExit(await (await import('./commands/db-update.js')).dbUpdateAction(opts)));

  registerServiceCommand(program, setExit);
  registerInitCommand(program, setExit);

  return program;
}

function parseMinutes(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of minutes');
  return n;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 32) throw new InvalidArgumentError('expected a whole number from 1 to 32');
  return n;
}

function parseScore(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('expected a number from 0 to 100');
  return n;
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version are exits with code 0; everything else commander rejects is usage
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`mina: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`mina: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    return 3;
  }
}
