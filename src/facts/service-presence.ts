/**
 * Is this repository a service someone runs (and so needs error tracking, metrics, alerting and an
 * incident process), rather than a library or a collection of scripts? Evidence: a web framework or
 * registered routes in the code, a start command (Procfile, Dockerfile CMD, Compose, Kubernetes),
 * or long-running Kubernetes workloads.
 */
import { defineFact } from '../context/repo-context.js';
import { httpRoutesFact } from './http-routes/index.js';
import { k8sFact } from './k8s/index.js';
import { servingFact } from './serving.js';

export interface ServicePresence {
  file: string;
  line: number;
  why: string;
}

export const servicePresenceFact = defineFact<ServicePresence | null>('service-presence', async (repo) => {
  const routes = await repo.fact(httpRoutesFact);
  if (routes.service) return { ...routes.service, why: `${routes.service.framework} web service` };
  const serving = await repo.fact(servingFact);
  const cmd = serving.commands.find((c) => !c.dev);
  if (cmd) return { file: cmd.file, line: cmd.line, why: `started by ${cmd.argv.slice(0, 3).join(' ')}` };
  const w = (await repo.fact(k8sFact)).workloads.find((x) => x.class === 'replicated' || x.class === 'daemon');
  if (w) return { file: w.object.file, line: w.object.line, why: `${w.kind} ${w.object.name ?? ''}`.trim() };
  return null;
});
