/**
 * The routes fact: every HTTP route the service's own code registers (tests and vendored code are
 * not in the code index), and whether the repository is an HTTP service at all — the question the
 * health, privacy and load-test checks ask before they apply.
 */
import { defineFact } from '../../context/repo-context.js';
import { codeIndexFact, type CodeIndex } from '../code/index.js';
import { webFiles, WEB_MODULES } from '../code/web.js';
import { javascriptRoutes } from './javascript.js';
import { pythonRoutes } from './python.js';
import type { HttpRoute } from './model.js';

export * from './model.js';

export interface HttpRoutes {
  routes: HttpRoute[];
  /** A web framework is imported, or routes are registered: the repository serves HTTP. */
  service: { file: string; line: number; framework: string } | null;
}


export const httpRoutesFact = defineFact<HttpRoutes>('http-routes', async (repo) => {
  const index = await repo.fact(codeIndexFact);
  const routes = index.files.flatMap((f) => (f.lang === 'python' ? pythonRoutes(index, f) : javascriptRoutes(index, f)));
  return { routes, service: serviceOf(index, routes) };
});

function serviceOf(index: CodeIndex, routes: HttpRoute[]): HttpRoutes['service'] {
  if (routes.length) return { file: routes[0].file, line: routes[0].line, framework: routes[0].framework };
  const f = webFiles(index)[0];
  const b = f?.imports.find((i) => WEB_MODULES.some((m) => i.module === m || i.module.startsWith(`${m}.`) || i.module.startsWith(`${m}/`)));
  return f && b ? { file: f.path, line: b.line, framework: b.module } : null;
}
