/**
 * A gunicorn configuration file (Python): `workers`, `worker_class` and `bind`, evaluated from the
 * syntax tree. `workers = multiprocessing.cpu_count() * 2 + 1` is `auto`; an env read uses its
 * fallback when it has one.
 */
import type { RepoContext } from '../context/repo-context.js';
import { findKinds, lineOf, shortText } from '../context/parsers/code.js';
import { loadCodeFile, type CodeIndex } from './code/code-index.js';
import { isModuleLevel } from './code/scope.js';
import { valueOf } from './code/values.js';
import type { Workers } from './server-command.js';

export interface GunicornConfig {
  file: string;
  workers: Workers;
  workersLine: number | null;
  workerClass: string | null;
}

export async function readGunicornConfig(repo: RepoContext, index: CodeIndex, path: string): Promise<GunicornConfig | null> {
  const file = index.get(path) ?? (await loadCodeFile(repo, path, 'python'));
  if (!file) return null;
  const cfg: GunicornConfig = { file: path, workers: null, workersLine: null, workerClass: null };
  for (const a of findKinds(file, ['assignment'])) {
    const name = a.field('left')?.text();
    const right = a.field('right');
    if (!right || !isModuleLevel(a)) continue;
    if (name === 'workers') {
      cfg.workersLine = lineOf(a);
      const v = valueOf(index, file, right);
      if (v.kind === 'number') cfg.workers = v.value;
      else if (v.kind === 'env' && v.fallback?.kind === 'number') cfg.workers = v.fallback.value;
      else if (v.kind === 'env' && v.fallback?.kind === 'string' && /^\d+$/.test(v.fallback.value)) cfg.workers = Number(v.fallback.value);
      else if ([right, ...findKinds({ root: right, lang: 'python' }, ['call'])].filter((c) => c.kind() === 'call').some((c) => /(^|\.)(cpu_count|sched_getaffinity)$/.test(shortText(c.field('function')) ?? ''))) cfg.workers = 'auto';
    } else if (name === 'worker_class') {
      const v = valueOf(index, file, right);
      if (v.kind === 'string') cfg.workerClass = v.value;
    }
  }
  return cfg;
}
