/**
 * scaling.multi-worker: more than one process serves the service (workers or replicas), and
 * real-time traffic is shared between them — a Socket.IO message queue or adapter so broadcasts
 * reach every client, and sticky sessions wherever long-polling requests could land on another
 * process.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { httpRoutesFact } from '../../src/facts/http-routes/index.js';
import { realtimeFact } from '../../src/facts/realtime.js';
import { servingFact } from '../../src/facts/serving.js';
import { stickySessionsFact } from '../../src/facts/sticky-sessions.js';
import { processLayout } from './layout.js';

export default defineCheck({
  meta: {
    id: 'scaling.multi-worker',
    title: 'Several workers or replicas, with real-time traffic shared between them',
    category: 'performance',
    severity: 'high',
    description: 'The service runs more than one worker/replica, and Socket.IO events are shared between them (Flask-SocketIO message_queue, python-socketio Redis manager, @socket.io/redis-adapter) with sticky sessions where long-polling needs them.',
  },
  async applies({ repo }) {
    const [serving, realtime, routes] = await Promise.all([repo.fact(servingFact), repo.fact(realtimeFact), repo.fact(httpRoutesFact)]);
    const layout = processLayout(serving);
    return layout.commands.length > 0 || serving.replicas.length > 0 || realtime.length > 0 || routes.service !== null || { applies: false, reason: 'no service: no entry command, replica count, web framework or Socket.IO server' };
  },
  async run({ repo }) {
    const [serving, realtime, sticky, routes] = await Promise.all([repo.fact(servingFact), repo.fact(realtimeFact), repo.fact(stickySessionsFact), repo.fact(httpRoutesFact)]);
    const layout = processLayout(serving);
    const findings: Finding[] = [];
    const notes: string[] = [];
    const multi = serving.multiProcess;
    if (!multi) {
      const first = layout.commands[0];
      if (first) {
        const at = first.workersFrom ?? { file: first.file, line: first.line };
        findings.push({ id: 'single-worker', ...at, message: `${first.server} runs ${first.workers === null ? 'an unknown number of workers (1 unless set elsewhere)' : '1 worker'} and nothing runs more than one replica: one process serves every request, and a crash, a slow request or a deploy stops all traffic`, hint: 'run several workers (gunicorn -w N, uvicorn --workers N, pm2 -i N) or replicas (Deployment replicas ≥ 2, an autoscaler); with Socket.IO, scale single-worker processes by replicas behind a message queue' });
        return { score: 0, findings, notes };
      }
      const where = serving.replicas[0] ?? (routes.service ? { file: routes.service.file, line: routes.service.line } : realtime[0]);
      findings.push({ id: 'workers-unknown', file: where?.file, line: where?.line, severity: 'medium', message: 'no production entry command, worker count or replica count above 1 was found: nothing shows more than one process serving traffic', hint: 'declare how production runs: a Procfile/Dockerfile CMD with gunicorn -w N / uvicorn --workers N, or a Deployment with replicas ≥ 2' });
      return { score: 0.5, findings, notes };
    }
    notes.push(`more than one process: ${multi.reason} (${multi.file}:${multi.line})`);
    const replicated = serving.replicas.find((r) => r.count > 1) ?? null;
    const reported = new Set<string>();
    for (const server of realtime) {
      const at = { file: server.file, line: server.line };
      notes.push(`${server.library} at ${server.file}:${server.line}: ${server.queue ? `${server.queue.detail} (${server.queue.file}:${server.queue.line})` : 'no message queue'}${server.websocketOnly ? ', websocket transport only' : ''}`);
      if (!server.queue || (server.queue.reach === 'host' && replicated)) {
        findings.push({ id: 'no-message-queue', ...at, message: `${server.library} ${server.queue ? `shares events only between the workers of one host (${server.queue.detail}), but ${replicated!.count} replicas run` : `has no message queue, and more than one process serves traffic (${multi.reason})`}: emits and room broadcasts reach only the clients connected to the same ${server.queue ? 'host' : 'process'}`, hint: server.library === 'Flask-SocketIO' ? 'SocketIO(app, message_queue=os.environ["REDIS_URL"])' : server.library === 'python-socketio' ? 'socketio.AsyncServer(client_manager=socketio.AsyncRedisManager(os.environ["REDIS_URL"]))' : 'io.adapter(createAdapter(pubClient, subClient)) with @socket.io/redis-adapter' });
        continue;
      }
      if (server.websocketOnly) continue;
      const local = layout.inHost;
      if (local && !local.sticky && !reported.has('workers')) {
        reported.add('workers');
        findings.push({ id: 'workers-not-sticky', file: local.file, line: local.line, message: `${local.what} inside one container while ${server.library} allows long-polling: the workers share one listening socket with no affinity, so a client's polling requests land on workers that do not know its session (400 "Session ID unknown")`, hint: server.library === 'socket.io' || server.library === 'NestJS gateway' ? 'use @socket.io/sticky with the cluster adapter, or one process per container scaled by replicas behind a sticky load balancer, or transports: ["websocket"]' : 'run one worker per process (gunicorn -w 1 -k eventlet/gevent) and scale with replicas behind a sticky load balancer, or restrict transports to websocket' });
      }
      if (replicated && sticky.length === 0 && !reported.has('replicas')) {
        reported.add('replicas');
        findings.push({ id: 'no-sticky-sessions', file: replicated.file, line: replicated.line, severity: 'medium', message: `${replicated.count} replicas serve ${server.library} with long-polling allowed, and no session affinity was found in front of them (ingress, Service, proxy)`, hint: 'enable sticky sessions: ingress-nginx nginx.ingress.kubernetes.io/affinity: "cookie", Service sessionAffinity: ClientIP, nginx ip_hash, or restrict transports to websocket' });
      }
    }
    if (sticky.length) notes.push(`session affinity: ${sticky.map((s) => `${s.via} (${s.file}:${s.line})`).join('; ')}`);
    const score = findings.some((f) => f.id === 'no-message-queue') ? 0 : findings.length ? 0.5 : 1;
    return { score, findings, notes };
  },
});
