/**
 * What a command line runs, followed into the repository: npm/make scripts (the CI fact's
 * resolver), shell scripts it calls (read and split in turn, two levels deep), Python/JS files it
 * executes and Django management commands. A path inside an image (`/app/scripts/backup.sh`) is
 * matched to the repository file it was copied from by its trailing segments.
 */
import type { RepoContext } from '../../context/repo-context.js';
import { commandsOf } from '../ci/script-commands.js';
import { lineLocator, type CiText, type Command } from '../ci/index.js';
import { codeLangOf, loadCodeFile, type CodeIndex } from '../code/index.js';
import type { CodeUnit } from './model.js';

const SCRIPT = /\.(sh|bash|py|js|mjs|cjs|ts)$/;
const MAX_DEPTH = 2;

export interface JobContent {
  commands: Command[];
  code: CodeUnit[];
}

export interface ContentOptions {
  /** Scripts that are not repository files, by base name (a ConfigMap key mounted into a CronJob). */
  virtual?: Map<string, CiText>;
  cwd?: string;
}

export function textAt(text: string, file: string, line = 1): CiText {
  const at = lineLocator(text);
  return { text, file, line, lineAt: (i) => line - 1 + at(i) };
}

export async function contentOf(repo: RepoContext, index: CodeIndex, script: CiText, options: ContentOptions = {}, depth = 0, seen = new Set<string>()): Promise<JobContent> {
  const out: JobContent = { commands: await commandsOf(repo, script, options.cwd ?? ''), code: [] };
  if (depth >= MAX_DEPTH) return out;
  for (const c of [...out.commands]) {
    for (const ref of scriptRefs(c.argv)) {
      const virtual = options.virtual?.get(baseName(ref));
      const path = virtual ? null : findRepoFile(repo, ref);
      const key = virtual ? `virtual:${ref}` : path;
      if (!key || seen.has(key)) continue;
      seen.add(key);
      if (virtual) {
        const inner = await contentOf(repo, index, virtual, options, depth + 1, seen);
        out.commands.push(...inner.commands);
        out.code.push(...inner.code);
      } else if (path) {
        await addFile(repo, index, path, out, options, depth, seen);
      }
    }
    const command = managementCommand(c.argv);
    if (command) {
      const f = repo.glob(`**/management/commands/${command}.py`)[0];
      const unit = f ? await codeUnit(repo, index, f.path) : null;
      if (unit) out.code.push(unit);
    }
  }
  return out;
}

async function addFile(repo: RepoContext, index: CodeIndex, path: string, out: JobContent, options: ContentOptions, depth: number, seen: Set<string>) {
  if (codeLangOf(path)) {
    const unit = await codeUnit(repo, index, path);
    if (unit) out.code.push(unit);
    return;
  }
  const text = await repo.text(path);
  if (text === null || text.length > 256 * 1024) return;
  const inner = await contentOf(repo, index, textAt(text, path), { ...options, cwd: '' }, depth + 1, seen);
  out.commands.push(...inner.commands);
  out.code.push(...inner.code);
}

async function codeUnit(repo: RepoContext, index: CodeIndex, path: string): Promise<CodeUnit | null> {
  const lang = codeLangOf(path);
  const file = index.get(path) ?? (lang ? await loadCodeFile(repo, path, lang) : null);
  return file ? { file, node: null, name: baseName(path) } : null;
}

/** Words of a command that name a script: `./backup.sh`, `bash scripts/x.sh`, `python jobs/purge.py`, `node dist/jobs/retention.js`. */
function scriptRefs(argv: string[]): string[] {
  return argv.filter((w, i) => SCRIPT.test(w) && !w.startsWith('-') && !w.includes('=') && (i === 0 || w.includes('/') || i <= 2) && w !== 'manage.py');
}

function managementCommand(argv: string[]): string | null {
  const i = argv.findIndex((w) => w === 'manage.py' || w.endsWith('/manage.py') || w === 'django-admin');
  const cmd = i >= 0 ? argv.slice(i + 1).find((w) => !w.startsWith('-')) : undefined;
  return cmd && /^[a-z_][a-z0-9_]*$/i.test(cmd) ? cmd : null;
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** The repository file a path names: as is, relative to the root, or by its trailing segments (inside an image). */
export function findRepoFile(repo: RepoContext, ref: string): string | null {
  const clean = ref.replace(/^\.\//, '').replace(/^\$\{?\w+\}?\//, '');
  if (repo.has(clean)) return clean;
  const parts = clean.split('/').filter(Boolean);
  // the longest suffix of the path that is a file here, e.g. /app/scripts/backup.sh → scripts/backup.sh
  for (let i = 0; i < parts.length; i++) {
    const suffix = parts.slice(i).join('/');
    if (repo.has(suffix)) return suffix;
    const hits = repo.files.filter((f) => f.path.endsWith(`/${suffix}`));
    if (hits.length === 1) return hits[0].path;
    if (hits.length > 1) return null;
  }
  // compiled output: dist/jobs/retention.js was built from src/jobs/retention.ts
  const m = /^(.*?)(?:^|\/)(dist|build|out|lib)\/(.+)\.js$/.exec(clean);
  if (m) for (const ext of ['.ts', '.js']) for (const src of ['src', '']) {
    const p = [m[1], src, m[3] + ext].filter(Boolean).join('/');
    if (repo.has(p)) return p;
  }
  return null;
}
