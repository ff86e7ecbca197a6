/**
 * Node services that fork their own workers: `cluster.fork()` (in a loop over the CPUs, or a
 * counted one) and `throng(...)`, and whether `@socket.io/sticky` routes each client back to the
 * same worker. pm2's `-i` is read from the command line by the serving facts.
 */
import type { SgNode } from '@ast-grep/napi';
import { defineFact } from '../context/repo-context.js';
import { codeIndexFact, findCallsEverywhere, lineOf, optionOf, valueOf } from './code/index.js';
import type { Workers } from './server-command.js';

export interface NodeCluster {
  file: string;
  line: number;
  workers: Workers;
  via: 'cluster' | 'throng';
  /** `@socket.io/sticky`'s `setupMaster` balances by client, so polling requests return to their worker. */
  sticky: boolean;
}

const LOOPS = new Set(['for_statement', 'for_in_statement', 'while_statement', 'do_statement']);

function enclosingLoop(node: SgNode): SgNode | null {
  for (let p = node.parent(); p; p = p.parent()) {
    if (LOOPS.has(p.kind() as string)) return p;
    if (['function_declaration', 'arrow_function', 'function_expression', 'method_definition'].includes(p.kind() as string)) break;
  }
  return null;
}

export const nodeClusterFact = defineFact<NodeCluster | null>('node-cluster', async (repo) => {
  const index = await repo.fact(codeIndexFact);
  const sticky = findCallsEverywhere(index, [['@socket.io/sticky', 'setupMaster']], 'js').length > 0;
  const forks = findCallsEverywhere(index, [['cluster', 'fork'], ['cluster', 'default.fork']], 'js');
  if (forks.length) {
    const first = forks[0];
    const loop = enclosingLoop(first.node);
    let workers: Workers = forks.length > 1 ? forks.length : 1;
    if (loop) {
      const bound = /<=?\s*(\d{1,4})\b/.exec(loop.field('condition')?.text() ?? '')?.[1];
      workers = bound ? Number(bound) + (/<=/.test(loop.field('condition')?.text() ?? '') ? 1 : 0) : 'auto';
    }
    return { file: first.file.path, line: first.line, workers, via: 'cluster', sticky };
  }
  const throng = findCallsEverywhere(index, [['throng', ''], ['throng', 'default']], 'js')[0];
  if (!throng) return null;
  const opt = optionOf(index, throng, 'workers') ?? optionOf(index, throng, 'count');
  const first = throng.args[0] ? valueOf(index, throng.file, throng.args[0]) : null;
  const n = opt?.kind === 'number' ? opt.value : first?.kind === 'number' ? first.value : null;
  return { file: throng.file.path, line: lineOf(throng.node), workers: n ?? 'auto', via: 'throng', sticky };
});
