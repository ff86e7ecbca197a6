/**
 * The plan: which scaffolds to offer, the files the chosen ones render, what happens to each path
 * (created, left alone because it exists, replaced or patched only with --force), and the checks'
 * predicted results once those files exist — computed on an overlay of the tree, before writing.
 */
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Status } from '../engine/check-api.js';
import type { RepoContext } from '../context/repo-context.js';
import type { Evaluation, Evaluator } from './evaluate.js';
import type { Answers, FileSpec, Offer, Scaffold, Stack } from './model.js';
import { overlayFs } from './overlay-fs.js';
import { unifiedDiff } from './diff.js';
import { SCAFFOLDS } from './scaffolds/index.js';

export type FileAction = 'create' | 'unchanged' | 'exists' | 'replace' | 'patch' | 'unsafe';

export interface PlannedFile {
  spec: FileSpec;
  scaffold: string;
  action: FileAction;
  /** Current content of an existing file. */
  existing: string | null;
  /** For replace/patch (and `exists` in dry runs): what would change. */
  diff: string | null;
  /** Mode of the existing file, kept on replace. */
  existingMode: number | null;
}

export interface CheckChange {
  id: string;
  scaffolds: string[];
  before: Status | 'unknown';
  after: Status | 'unknown';
  afterScore: number | null;
}

export interface InitPlan {
  files: PlannedFile[];
  before: Evaluation;
  after: Evaluation;
  /** The checks the chosen scaffolds answer, before and after. */
  answered: CheckChange[];
  /** Other checks whose score the files would lower. */
  worse: CheckChange[];
}

export function offers(ctx: { repo: RepoContext; stack: Stack; before: Evaluation }, only: ReadonlySet<string> | null): Array<{ scaffold: Scaffold; offer: Offer }> {
  const out: Array<{ scaffold: Scaffold; offer: Offer }> = [];
  for (const scaffold of SCAFFOLDS) {
    if (only && !only.has(scaffold.id)) continue;
    const offer = scaffold.offer({ repo: ctx.repo, stack: ctx.stack, before: ctx.before.results });
    if (offer) out.push({ scaffold, offer });
  }
  return out;
}

export async function renderFiles(repo: RepoContext, stack: Stack, answers: Answers, before: Evaluation): Promise<Array<{ spec: FileSpec; scaffold: string }>> {
  const out: Array<{ spec: FileSpec; scaffold: string }> = [];
  const seen = new Set<string>();
  for (const scaffold of SCAFFOLDS.filter((s) => answers.scaffolds.includes(s.id))) {
    for (const spec of await scaffold.files({ repo, stack, answers, before: before.results })) {
      // two scaffolds never write one path: the first (in plan order) keeps it
      if (seen.has(spec.path)) continue;
      seen.add(spec.path);
      out.push({ spec, scaffold: scaffold.id });
    }
  }
  return out;
}

export async function classify(root: string, rendered: Array<{ spec: FileSpec; scaffold: string }>, force: boolean): Promise<PlannedFile[]> {
  const out: PlannedFile[] = [];
  for (const { spec, scaffold } of rendered) {
    const base = { spec, scaffold, existing: null, diff: null, existingMode: null };
    if (!(await safePath(root, spec.path))) {
      out.push({ ...base, action: 'unsafe' });
      continue;
    }
    const abs = path.join(root, ...spec.path.split('/'));
    const st = await lstat(abs).catch(() => null);
    if (!st) {
      out.push({ ...base, action: 'create' });
      continue;
    }
    if (!st.isFile()) {
      out.push({ ...base, action: 'unsafe' });
      continue;
    }
    const existing = await readFile(abs, 'utf8');
    if (existing === spec.content) {
      out.push({ ...base, existing, action: 'unchanged' });
      continue;
    }
    const diff = unifiedDiff(existing, spec.content, `a/${spec.path}`, `b/${spec.path}`);
    out.push({ ...base, existing, diff, existingMode: st.mode & 0o7777, action: force ? (spec.patch ? 'patch' : 'replace') : 'exists' });
  }
  return out;
}

/** Inside the root, through no symbolic link and no file standing where a directory should be. */
async function safePath(root: string, rel: string): Promise<boolean> {
  if (!rel || rel.startsWith('/') || rel.split('/').some((p) => p === '..' || p === '' || p === '.')) return false;
  let dir = root;
  const parts = rel.split('/');
  for (let i = 0; i < parts.length; i++) {
    dir = path.join(dir, parts[i]);
    const st = await lstat(dir).catch(() => null);
    if (!st) return true;
    // a link could lead anywhere; a file where a directory belongs cannot hold the new file
    if (st.isSymbolicLink() || (i < parts.length - 1 && !st.isDirectory())) return false;
  }
  return true;
}

export const WRITES: ReadonlySet<FileAction> = new Set(['create', 'replace', 'patch']);

/** Runs every check on the tree with the files laid over it and compares with `before`. */
export async function predict(evaluator: Evaluator, root: string, files: PlannedFile[], before: Evaluation, answers: Answers): Promise<Omit<InitPlan, 'files' | 'before'>> {
  const overlay = new Map(files.filter((f) => WRITES.has(f.action)).map((f) => [f.spec.path, f.spec.content]));
  const after = await evaluator.evaluate(await evaluator.context(overlayFs(root, overlay)));
  const change = (id: string, scaffolds: string[]): CheckChange => ({
    id,
    scaffolds,
    before: before.results.get(id)?.status ?? 'unknown',
    after: after.results.get(id)?.status ?? 'unknown',
    afterScore: after.results.get(id)?.score ?? null,
  });
  const byCheck = new Map<string, string[]>();
  for (const s of SCAFFOLDS) {
    if (!answers.scaffolds.includes(s.id)) continue;
    for (const id of s.answers) byCheck.set(id, [...(byCheck.get(id) ?? []), s.id]);
  }
  const answered = [...byCheck].map(([id, scaffolds]) => change(id, scaffolds));
  const worse: CheckChange[] = [];
  for (const [id, b] of before.results) {
    const a = after.results.get(id);
    if (!a || byCheck.has(id)) continue;
    const wasScored = b.status !== 'not-applicable' && b.status !== 'skipped';
    const isScored = a.status !== 'not-applicable' && a.status !== 'skipped';
    if ((wasScored && isScored && a.score < b.score) || (!wasScored && isScored && a.score < 1)) worse.push(change(id, []));
  }
  return { after, answered, worse };
}
