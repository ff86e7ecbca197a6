/**
 * `OWNER/REPO[@REF]` from the command line. The parts end up in API paths and in a `git clone`
 * argument list, so they are held to GitHub's own naming rules and git's ref rules rather than
 * escaped: a name that could start an option (`-x`) or walk a path (`..`) is refused outright.
 */
import { ConfigError } from '../config/config-error.js';

export interface RepoSpec {
  owner: string;
  repo: string;
  /** Branch, tag or full commit SHA; null for the default branch. */
  ref: string | null;
}

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;
const SHA = /^[0-9a-f]{40}$/;

export function parseRepoSpec(text: string): RepoSpec {
  const at = text.indexOf('@');
  const name = at === -1 ? text : text.slice(0, at);
  const ref = at === -1 ? null : text.slice(at + 1);
  const [owner, repo, ...rest] = name.split('/');
  if (rest.length > 0 || !owner || !repo) throw new ConfigError(`--github expects OWNER/REPO[@REF], got "${text}"`);
  if (!OWNER.test(owner)) throw new ConfigError(`--github: "${owner}" is not a valid GitHub owner name`);
  const bare = repo.endsWith('.git') ? repo.slice(0, -4) : repo;
  if (!isRepoName(bare)) throw new ConfigError(`--github: "${repo}" is not a valid GitHub repository name`);
  if (ref !== null && !isRefName(ref)) throw new ConfigError(`--github: "${ref}" is not a valid branch, tag or commit`);
  return { owner, repo: bare, ref };
}

export function isOwnerName(name: string): boolean {
  return OWNER.test(name);
}

export function isRepoName(name: string): boolean {
  return REPO.test(name) && name !== '.' && name !== '..';
}

export function isCommitSha(ref: string): boolean {
  return SHA.test(ref);
}

/** git check-ref-format's rules, plus no leading dash so a ref can never be read as an option. */
export function isRefName(ref: string): boolean {
  if (ref.length === 0 || ref.length > 255) return false;
  if (ref.startsWith('-') || ref.startsWith('/') || ref.endsWith('/') || ref.endsWith('.') || ref.endsWith('.lock')) return false;
  if (ref.includes('..') || ref.includes('//') || ref.includes('@{') || ref === '@') return false;
  // control characters, space and the characters git reserves for revision syntax
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(ref)) return false;
  return ref.split('/').every((part) => part.length > 0 && !part.startsWith('.'));
}
