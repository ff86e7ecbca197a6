/**
 * How many server processes open pools against the database: the largest worker count of the
 * production entry commands times the largest replica count. Unknown when a worker count depends
 * on the CPU count or cannot be read.
 */
import type { Serving } from '../../src/facts/serving.js';

export function processCount(serving: Serving): { count: number | null; detail: string } {
  const commands = serving.commands.filter((c) => !c.dev && c.server && (c.source !== 'procfile' || !c.role || /^(web|app|api|server|http)/i.test(c.role)));
  const replicas = Math.max(1, ...serving.replicas.map((r) => r.count));
  if (!commands.length) return { count: null, detail: 'no production entry command found' };
  if (commands.some((c) => typeof c.workers !== 'number')) return { count: null, detail: 'worker count set from the CPU count or not readable' };
  const workers = Math.max(...commands.map((c) => c.workers as number));
  return { count: workers * replicas, detail: `${workers} worker${workers === 1 ? '' : 's'} × ${replicas} replica${replicas === 1 ? '' : 's'}` };
}
