/**
 * Lines changed since a git ref, for `mina check --since REF`: the working tree (committed or not)
 * against REF, plus untracked files, which are new in their entirety. Paths are relative to the
 * checked folder, as findings are.
 */
import { ConfigError } from '../config/config-error.js';
import { GitError, safeGit } from './safe-git.js';

export interface ChangedLines {
  ref: string;
  /** File → inclusive [first, last] line ranges on the new side; `'all'` for untracked files. */
  files: Map<string, Array<[number, number]> | 'all'>;
}

export async function changedLinesSince(target: string, ref: string): Promise<ChangedLines> {
  // a ref is never allowed to look like an option: `--output=FILE` would make git write a file
  if (ref === '' || ref.startsWith('-') || /[\0\n]/.test(ref)) throw new ConfigError(`--since: not a git revision: ${JSON.stringify(ref)}`);
  let diff: string;
  let untracked: string;
  try {
    await safeGit(target, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    diff = await safeGit(target, ['diff', '--no-ext-diff', '--no-textconv', '--no-color', '--unified=0', '--relative', '--src-prefix=a/', '--dst-prefix=b/', ref, '--']);
    untracked = await safeGit(target, ['ls-files', '--others', '--exclude-standard', '-z', '--', '.']);
  } catch (err) {
    if (err instanceof GitError) throw new ConfigError(`--since ${ref}: ${err.message || 'not a commit in this repository'}`);
    throw err;
  }
  const files: ChangedLines['files'] = parseUnifiedDiff(diff);
  for (const f of untracked.split('\0')) if (f) files.set(f, 'all');
  return { ref, files };
}

/** New-side line ranges per file from `git diff --unified=0` output. */
export function parseUnifiedDiff(text: string): Map<string, Array<[number, number]>> {
  const out = new Map<string, Array<[number, number]>>();
  let current: Array<[number, number]> | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('+++ ')) {
      const name = unquote(line.slice(4));
      current = name.startsWith('b/') ? [] : null; // `/dev/null`: the file was deleted
      if (current) out.set(name.slice(2), current);
    } else if (line.startsWith('@@ ') && current) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      if (count > 0) current.push([start, start + count - 1]);
    }
  }
  return out;
}

/** git C-quotes names holding quotes, backslashes or control characters. */
function unquote(name: string): string {
  if (!name.startsWith('"') || !name.endsWith('"')) return name.replace(/\t$/, '');
  const body = name.slice(1, -1);
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1];
    if (/[0-7]/.test(next ?? '')) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

export function isChanged(changed: ChangedLines, file: string | undefined, line: number | undefined): boolean {
  if (file === undefined) return false;
  const ranges = changed.files.get(file);
  if (ranges === undefined) return false;
  if (ranges === 'all') return true;
  // a finding about a whole changed file (no line) counts as new
  if (line === undefined) return ranges.length > 0;
  return ranges.some(([a, b]) => line >= a && line <= b);
}
