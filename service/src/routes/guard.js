/**
 * The per-user authorisation rule, shared by every /v1/users/:userId route: the bearer token must
 * prove that very user. Failures are audited (they are what credential stuffing looks like).
 */
import { audit } from '../audit.js';
import { bearer, verifyToken } from '../auth.js';

export function requireUser({ config, db }) {
  return async function userGuard(request, reply) {
    const userId = verifyToken(config.authSecret, bearer(request.headers.authorization));
    if (userId && userId === request.params.userId) {
      request.userId = userId;
      return;
    }
    await audit(db, { actor: userId ?? 'anonymous', action: userId ? 'auth.forbidden' : 'auth.failed', subjectUserId: request.params.userId, ip: request.ip, detail: { route: request.routeOptions.url } });
    return reply.code(userId ? 403 : 401).send({ error: userId ? 'forbidden' : 'unauthorized', message: userId ? 'token is for another user' : 'missing or invalid bearer token' });
  };
}
