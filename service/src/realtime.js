/**
 * Socket.IO: each authenticated client joins its user's room and receives `note:created`.
 * With Redis the `@socket.io/redis-adapter` relays broadcasts between workers and replicas, so a
 * note written through one process reaches clients connected to any other. WebSocket transport
 * only: long-polling would need sticky sessions in front of several workers.
 */
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { bearer, verifyToken } from './auth.js';

export function attachRealtime(app, { config, redis, metrics, logger }) {
  const io = new Server(app.server, {
    path: '/socket.io',
    transports: ['websocket'],
    serveClient: false,
    cors: { origin: config.corsOrigins, credentials: false },
    maxHttpBufferSize: 16 * 1024,
  });
  if (redis) {
    const sub = redis.duplicate();
    io.adapter(createAdapter(redis, sub, { key: `${config.redisPrefix}socket.io` }));
    app.addHook('onClose', async () => sub.disconnect());
  }
  // Graceful shutdown: tell clients to reconnect elsewhere before the listener closes.
  app.addHook('preClose', async () => {
    io.disconnectSockets(true);
    io.engine.close();
  });
  io.use((socket, next) => {
    const token = socket.handshake.auth?.token ?? bearer(socket.handshake.headers.authorization);
    const userId = verifyToken(config.authSecret, token);
    if (!userId) return next(new Error('unauthorized'));
    socket.data.userId = userId;
    next();
  });
  io.on('connection', (socket) => {
    metrics.socketClients.inc();
    socket.join(roomOf(socket.data.userId));
    socket.on('disconnect', () => metrics.socketClients.dec());
  });
  logger.debug({ adapter: redis ? 'redis' : 'memory' }, 'realtime ready');
  return io;
}

export function roomOf(userId) {
  return `user:${userId}`;
}
