/** A small bare repository built for a test: a default branch, a second branch, a tag and a symlink. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface BareRepo {
  /** Folder to serve (`GIT_PROJECT_ROOT`): the repository is `<root>/<name>.git`. */
  root: string;
  name: string;
  mainSha: string;
  firstSha: string;
}

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
}

export function makeBareRepo(name = 'app', files: Record<string, string> = {}): BareRepo {
  const base = mkdtempSync(path.join(os.tmpdir(), 'mina-test-git-'));
  const work = path.join(base, 'work');
  mkdirSync(work);
  git(work, 'init', '-q', '-b', 'main');
  writeFileSync(path.join(work, 'README.md'), '# app\n');
  git(work, 'add', '.');
  git(work, 'commit', '-q', '-m', 'first');
  const firstSha = git(work, 'rev-parse', 'HEAD');
  for (const [file, text] of Object.entries({ 'src/app.js': 'console.log("hi");\n', ...files })) {
    mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
    writeFileSync(path.join(work, file), text);
  }
  symlinkSync('/etc/passwd', path.join(work, 'escape-link'));
  git(work, 'add', '.');
  git(work, 'commit', '-q', '-m', 'second');
  git(work, 'tag', 'v1.0.0', firstSha);
  git(work, 'branch', 'release', firstSha);
  const mainSha = git(work, 'rev-parse', 'HEAD');
  const root = path.join(base, 'served');
  mkdirSync(root);
  git(base, 'clone', '-q', '--bare', work, path.join(root, `${name}.git`));
  return { root, name, mainSha, firstSha };
}
