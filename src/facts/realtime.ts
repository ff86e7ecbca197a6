/**
 * Socket.IO servers and how their events reach every process: Flask-SocketIO (`message_queue=`,
 * `client_manager=`, on the constructor or `init_app`), python-socketio (`client_manager=` a Redis,
 * Kombu/RabbitMQ, Kafka, AioPika or ZeroMQ manager), Node `socket.io` (`io.adapter(...)` or the
 * `adapter` option with the Redis, Redis Streams, Postgres, Mongo, cloud pub/sub or cluster
 * adapters) and NestJS gateways. Also whether a server refuses long-polling (`transports`
 * websocket only), which is what makes sticky sessions unnecessary.
 */
import { defineFact } from '../context/repo-context.js';
import { codeIndexFact, filesReaching, findCallsEverywhere, findKinds, lineOf, optionOf, originOf, stringsOf, valueOf, type CallSite, type CodeIndex, type Value } from './code/index.js';

export interface MessageQueue {
  /** `shared`: every process and host; `host`: the workers of one machine (the cluster adapter). */
  reach: 'shared' | 'host';
  detail: string;
  file: string;
  line: number;
}

export interface RealtimeServer {
  library: 'Flask-SocketIO' | 'python-socketio' | 'socket.io' | 'NestJS gateway';
  file: string;
  line: number;
  queue: MessageQueue | null;
  /** `transports: ['websocket']`: no long-polling, so no request needs to return to the same process. */
  websocketOnly: boolean;
}

const PY_MANAGERS = /^(Async)?(Redis|Kombu|AioPika|Kafka|Zmq)Manager$/;
const NODE_ADAPTERS: Array<[string, 'shared' | 'host']> = [
  ['@socket.io/redis-adapter', 'shared'],
  ['@socket.io/redis-streams-adapter', 'shared'],
  ['@socket.io/postgres-adapter', 'shared'],
  ['@socket.io/mongo-adapter', 'shared'],
  ['@socket.io/gcp-pubsub-adapter', 'shared'],
  ['@socket.io/azure-service-bus-adapter', 'shared'],
  ['@socket.io/aws-sqs-adapter', 'shared'],
  ['socket.io-redis', 'shared'],
  ['@socket.io/cluster-adapter', 'host'],
];

export const realtimeFact = defineFact<RealtimeServer[]>('realtime', async (repo) => {
  const index = await repo.fact(codeIndexFact);
  return [...pythonServers(index), ...nodeServers(index)];
});

const websocketOnly = (v: Value | undefined) => {
  const t = v ? stringsOf(v) : [];
  return t.length > 0 && t.every((x) => x === 'websocket');
};

/** A message queue URL or a client manager, as far as it can be read. */
function pythonQueue(index: CodeIndex, call: CallSite): MessageQueue | null {
  const where = { file: call.file.path, line: call.line };
  const mq = call.kwargs.get('message_queue');
  if (mq) {
    const v = valueOf(index, call.file, mq);
    if (v.kind === 'null' || (v.kind === 'string' && !v.value.trim())) return null;
    if (v.kind === 'env' && v.fallback?.kind === 'null') return { reach: 'shared', detail: `message_queue from ${v.name ?? 'the environment'} (unset: none)`, ...where };
    // f"redis://{host}" is not a literal, but its scheme is
    const scheme = v.kind === 'string' ? /^(\w+):\/\//.exec(v.value)?.[1] : /^[fFrR]{0,2}["'](\w+):\/\//.exec(mq.text())?.[1];
    return { reach: 'shared', detail: scheme ? `message_queue ${scheme}://` : v.kind === 'env' && v.name ? `message_queue from ${v.name}` : 'message_queue from configuration', ...where };
  }
  const cm = call.kwargs.get('client_manager');
  if (cm) {
    const v = valueOf(index, call.file, cm);
    const name = v.kind === 'call' ? v.origin?.path.filter((p) => p !== '()').pop() : undefined;
    return { reach: 'shared', detail: name && PY_MANAGERS.test(name) ? `client_manager ${name}` : 'client_manager from configuration', ...where };
  }
  return null;
}

function pythonServers(index: CodeIndex): RealtimeServer[] {
  const out: RealtimeServer[] = [];
  const flask = findCallsEverywhere(index, [['flask_socketio', 'SocketIO']], 'python');
  const inits = findCallsEverywhere(index, [['flask_socketio', 'SocketIO().init_app']], 'python');
  const initQueue = inits.map((c) => pythonQueue(index, c)).find((q) => q) ?? null;
  const initWs = inits.some((c) => websocketOnly(optionOf(index, c, 'transports')));
  for (const c of flask) out.push({ library: 'Flask-SocketIO', file: c.file.path, line: c.line, queue: pythonQueue(index, c) ?? initQueue, websocketOnly: websocketOnly(optionOf(index, c, 'transports')) || initWs });
  for (const c of findCallsEverywhere(index, [['socketio', 'Server'], ['socketio', 'AsyncServer']], 'python')) {
    out.push({ library: 'python-socketio', file: c.file.path, line: c.line, queue: pythonQueue(index, c), websocketOnly: websocketOnly(optionOf(index, c, 'transports')) });
  }
  return out;
}

function nodeServers(index: CodeIndex): RealtimeServer[] {
  const servers = findCallsEverywhere(index, [['socket.io', 'Server'], ['socket.io', ''], ['socket.io', 'default'], ['socket.io', 'default.Server']], 'js');
  const out: RealtimeServer[] = [];
  let adapter: MessageQueue | null = null;
  for (const [module, reach] of NODE_ADAPTERS) {
    const calls = findCallsEverywhere(index, [[module, 'createAdapter'], [module, ''], [module, 'default']], 'js');
    if (calls.length && (!adapter || (adapter.reach === 'host' && reach === 'shared'))) adapter = { reach, detail: `${module} adapter`, file: calls[0].file.path, line: calls[0].line };
  }
  for (const s of servers) {
    const opts = s.args.length > 1 ? optionOf(index, s, 'transports', 1) : optionOf(index, s, 'transports', 0);
    out.push({ library: 'socket.io', file: s.file.path, line: s.line, queue: adapter, websocketOnly: websocketOnly(opts) });
  }
  // a gateway decorator resolves to @nestjs/websockets and needs '@': files that cannot are not parsed
  for (const file of filesReaching(index, ['@nestjs/websockets'])) {
    if (file.lang === 'python' || !file.text.includes('@')) continue;
    for (const d of findKinds(file, ['decorator'])) {
      const expr = d.namedChildren()[0];
      const fn = expr?.kind() === 'call_expression' ? expr.field('function') : expr;
      if (!fn) continue;
      const o = originOf(index, file, fn);
      if (o?.module !== '@nestjs/websockets' || o.path.join('.') !== 'WebSocketGateway') continue;
      const args = expr?.kind() === 'call_expression' ? (expr.field('arguments')?.namedChildren() ?? []) : [];
      const options = args.map((a) => valueOf(index, file, a)).find((v) => v.kind === 'map');
      out.push({ library: 'NestJS gateway', file: file.path, line: lineOf(d), queue: adapter, websocketOnly: websocketOnly(options?.kind === 'map' ? options.entries.get('transports') : undefined) });
    }
  }
  return out;
}
