/**
 * privacy.subject-rights: a user can get their data (access/portability) and have it erased, through
 * a route, a command or a job — read from the registered routes and command definitions, never
 * from a privacy page that promises it.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { codeIndexFact } from '../../src/facts/code/index.js';
import { httpRoutesFact } from '../../src/facts/http-routes/index.js';
import { commandRights, routeRights, type Right, type RightPath } from './paths.js';

const HINTS: Record<Right, string> = {
  export: 'add an authenticated route (e.g. GET /me/export) or a job that assembles everything held about a user as JSON',
  delete: 'add DELETE /me (or a job/command) that erases or anonymises the user\'s data everywhere, backups excluded by policy',
};

export default defineCheck({
  meta: {
    id: 'privacy.subject-rights',
    title: 'Users can export and delete their data',
    category: 'privacy',
    severity: 'medium',
    description: 'Code paths exist to export and to delete a user\'s data (routes, jobs or CLI commands).',
  },
  async applies({ repo }) {
    const routes = await repo.fact(httpRoutesFact);
    return routes.service !== null || { applies: false, reason: 'no HTTP service found' };
  },
  async run({ repo }) {
    const [routes, index] = await Promise.all([repo.fact(httpRoutesFact), repo.fact(codeIndexFact)]);
    const found: RightPath[] = [];
    for (const r of routes.routes) for (const right of routeRights(r)) found.push({ right, what: `${r.methods.join('|')} ${r.path}`, file: r.file, line: r.line });
    found.push(...commandRights(index));
    const notes: string[] = [];
    const findings: Finding[] = [];
    let score = 0;
    for (const right of ['export', 'delete'] as const) {
      const hit = found.find((x) => x.right === right);
      if (hit) {
        score += 0.5;
        notes.push(`${right}: ${hit.what} at ${hit.file}:${hit.line}`);
      } else {
        findings.push({ id: `no-${right}`, message: right === 'export' ? 'no route, command or job exports a user\'s data' : 'no route, command or job deletes a user\'s data', hint: HINTS[right] });
      }
    }
    return { score, findings, notes };
  },
});
