/**
 * A shallow clone of a remote repository with simple-git, for reading only. The repository is
 * hostile, so git runs with hooks and templates off, symlinks checked out as plain files, no
 * credential helpers or prompts, LFS smudging skipped and only the clone URL's own protocol
 * allowed. The token travels as an `http.<origin>/.extraHeader` set through `GIT_CONFIG_*`
 * environment variables of the git process: never on its command line (visible to other users),
 * never in the URL, never in a file, and sent only to the clone URL's origin.
 *
 * simple-git refuses these settings unless told they are intended; each `unsafe` flag below
 * unlocks exactly one of them, and every value is mina's own constant, never input.
 */
import { simpleGit, type SimpleGit } from 'simple-git';
import { isCommitSha, isRefName } from './repo-spec.js';

export interface CloneOptions {
  url: string;
  /** Branch, tag or commit SHA; null for the remote's default branch. */
  ref: string | null;
  /** Target folder (must not exist). */
  dir: string;
  token: string | null;
  signal: AbortSignal;
  /** Kill git after this long without output (default 120 s); `--progress` keeps a long clone talking. */
  stallMs?: number;
}

/** Variables simple-git guards (it rejects them when passed explicitly): every GIT_* and these. */
const GUARDED = new Set(['editor', 'pager', 'prefix', 'ssh_askpass', 'visual']);

export function cloneUrlProblem(url: string, apiBase: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `GitHub gave no usable clone URL (${JSON.stringify(url.slice(0, 100))})`;
  }
  const apiHttp = new URL(apiBase).protocol === 'http:';
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && apiHttp)) return `refusing to clone over ${u.protocol} (${u.origin})`;
  if (u.username || u.password) return 'refusing a clone URL with credentials in it';
  return null;
}

export async function shallowClone(o: CloneOptions): Promise<void> {
  if (o.ref !== null && !isRefName(o.ref)) throw new Error(`not a valid ref: ${o.ref}`);
  const url = new URL(o.url);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    const key = k.toLowerCase();
    if (v !== undefined && !key.startsWith('git_') && !GUARDED.has(key)) env[k] = v;
  }
  const own: Record<string, string> = { GIT_TERMINAL_PROMPT: '0', GIT_LFS_SKIP_SMUDGE: '1', GCM_INTERACTIVE: 'never' };
  if (o.token) {
    const basic = Buffer.from(`x-access-token:${o.token}`, 'utf8').toString('base64');
    Object.assign(own, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: `http.${url.origin}/.extraHeader`, GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}` });
  }
  const git: SimpleGit = simpleGit({
    abort: o.signal,
    timeout: { block: o.stallMs ?? 120_000 },
    config: [
      'core.hooksPath=/dev/null',
      'core.fsmonitor=false',
      'core.symlinks=false',
      'credential.helper=',
      'http.followRedirects=false',
      'submodule.recurse=false',
      'protocol.allow=never',
      `protocol.${url.protocol.slice(0, -1)}.allow=always`,
    ],
    allowEnvironment: Object.keys(own),
    unsafe: {
      allowUnsafeHooksPath: true,
      allowUnsafeFsMonitor: true,
      allowUnsafeCredentialHelper: true,
      allowUnsafeProtocolOverride: true,
      allowUnsafeTemplateDir: true,
      allowUnsafeConfigEnvCount: true,
    },
  }).env({ ...env, ...own });

  const common = ['--template=', '--no-tags'];
  if (o.ref !== null && isCommitSha(o.ref)) {
    // A commit cannot be named to `clone --branch`: fetch exactly that commit into an empty repo.
    await git.init([...common.slice(0, 1), o.dir]);
    const inRepo = git.cwd({ path: o.dir, root: false });
    await inRepo.raw(['fetch', '--progress', '--depth=1', '--no-tags', '--no-recurse-submodules', '--', o.url, o.ref]);
    await inRepo.raw(['checkout', '--detach', 'FETCH_HEAD']);
    return;
  }
  const branch = o.ref !== null ? ['--branch', o.ref] : [];
  await git.clone(o.url, o.dir, [...common, '--progress', '--depth=1', '--single-branch', '--no-recurse-submodules', ...branch]);
}
