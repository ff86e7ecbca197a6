import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'gunicorn-workers', name: 'gunicorn -w 4 on the web process, no real-time traffic' },
    { fixture: 'hpa-min-replicas', name: 'one replica in the Deployment, an autoscaler that adds more' },
    { fixture: 'flask-socketio-replicas', name: 'single-worker eventlet processes × 3 replicas, message_queue on init_app, ingress cookie affinity' },
    { fixture: 'python-socketio-replicas', name: 'python-socketio AsyncRedisManager, Compose replicas behind an nginx ip_hash upstream' },
    { fixture: 'socketio-websocket-only', name: 'pm2 -i max with the Redis adapter and websocket-only transports' },
    { fixture: 'node-cluster-sticky', name: 'Node cluster with @socket.io/sticky and the cluster adapter on one host' },
  ],
  invalid: [
    { fixture: 'gunicorn-single', name: 'gunicorn -w 1 only', score: 0, findings: [{ id: 'single-worker', file: 'Dockerfile', line: 4 }] },
    { fixture: 'no-entry', name: 'a Flask app with no production entry command or replicas', score: 0.5, findings: [{ id: 'workers-unknown', file: 'app.py', line: 6, severity: 'medium' }] },
    { fixture: 'flask-socketio-no-queue', name: 'Socket.IO with 4 workers (gunicorn.conf.py) and no message queue: broken broadcasts', score: 0, findings: [{ id: 'no-message-queue', file: 'app.py', line: 5 }] },
    { fixture: 'flask-socketio-workers-queue', name: 'message queue, but 4 gunicorn workers share a socket with long-polling on', score: 0.5, findings: [{ id: 'workers-not-sticky', file: 'Procfile', line: 1 }] },
    { fixture: 'socketio-replicas-no-sticky', name: 'Redis adapter, 3 replicas, polling on, no affinity anywhere', findings: [{ id: 'no-sticky-sessions', file: 'k8s/deploy.yaml', line: 6, severity: 'medium' }] },
    { fixture: 'cluster-adapter-replicas', name: 'the cluster adapter shares one host only, while Compose runs 2 replicas', findings: [{ id: 'no-message-queue', file: 'server.js', line: 17 }] },
    { fixture: 'nest-gateway-no-adapter', name: 'NestJS gateway behind 2 replicas without an adapter', findings: [{ id: 'no-message-queue', file: 'src/events.gateway.ts', line: 4 }] },
  ],
  notApplicable: [{ fixture: 'library-only' }],
});
