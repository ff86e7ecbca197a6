/**
 * The production process layout: the entry commands that serve traffic, and whether several
 * workers share one container's listening socket (gunicorn/uvicorn/pm2 workers, a Node cluster) —
 * the case where a load balancer's session affinity cannot help.
 */
import type { ServeCommand, Serving } from '../../src/facts/serving.js';

export interface Layout {
  commands: ServeCommand[];
  inHost: { file: string; line: number; what: string; sticky: boolean } | null;
}

export function processLayout(serving: Serving): Layout {
  const commands = serving.commands.filter((c) => !c.dev && c.server && (c.source !== 'procfile' || !c.role || /^(web|app|api|server|http)/i.test(c.role)));
  const many = commands.find((c) => c.workers === 'auto' || (typeof c.workers === 'number' && c.workers > 1));
  let inHost: Layout['inHost'] = null;
  if (many) {
    const at = many.workersFrom ?? { file: many.file, line: many.line };
    inHost = { ...at, what: `${many.server} runs ${many.workers === 'auto' ? 'one worker per CPU' : `${many.workers} workers`}`, sticky: false };
  } else if (serving.cluster && (serving.cluster.workers === 'auto' || (typeof serving.cluster.workers === 'number' && serving.cluster.workers > 1))) {
    const c = serving.cluster;
    inHost = { file: c.file, line: c.line, what: `${c.via} forks ${c.workers === 'auto' ? 'one worker per CPU' : `${c.workers} workers`}`, sticky: c.sticky };
  }
  return { commands, inHost };
}
