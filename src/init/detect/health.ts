/**
 * The app's own health routes, from the shared HTTP-routes fact: probes and the image HEALTHCHECK
 * point at them when they exist. With none, scaffolds fall back to a TCP check of the port (which
 * works without code changes) and say that monitoring.health-endpoints wants real endpoints.
 */
import type { RepoContext } from '../../context/repo-context.js';
import { httpRoutesFact, normalisePath, wordsOf, type HttpRoute } from '../../facts/http-routes/index.js';
import type { AppStack, Detected } from '../model.js';

const LIVENESS = ['livez', 'liveness', 'live', 'alive', 'healthz', 'health', 'healthcheck', 'ping', 'status'];
const READINESS = ['readyz', 'readiness', 'ready'];
const PARAM = /[:<{*]/;

export async function detectHealth(repo: RepoContext): Promise<AppStack['health']> {
  const { routes } = await repo.fact(httpRoutesFact);
  const usable = routes.filter((r) => r.path && !PARAM.test(r.path) && (r.methods.includes('GET') || r.methods.includes('ANY')));
  const liveness = best(usable, LIVENESS);
  const readiness = best(usable, READINESS) ?? liveness;
  return { liveness, readiness };
}

/** The route whose last path words rank best in `words` (earlier = better). */
function best(routes: HttpRoute[], words: string[]): Detected<string> | null {
  let pick: { route: HttpRoute; rank: number } | null = null;
  for (const route of routes) {
    const path = normalisePath(route.path);
    const pathWords = wordsOf(path);
    const rank = words.findIndex((w) => pathWords[pathWords.length - 1] === w || (pathWords.includes(w) && pathWords.length <= 3));
    if (rank >= 0 && (!pick || rank < pick.rank || (rank === pick.rank && path.length < normalisePath(pick.route.path).length))) pick = { route, rank };
  }
  return pick && /^\/[A-Za-z0-9._/-]{0,100}$/.test(normalisePath(pick.route.path)) ? { value: normalisePath(pick.route.path), from: `${pick.route.file}:${pick.route.line}` } : null;
}
