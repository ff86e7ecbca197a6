/**
 * Bearer tokens are `<userId>.<hex HMAC-SHA256(AUTH_SECRET, userId)>`: stateless, verifiable by
 * every worker with the shared secret, compared in constant time. A real deployment would put an
 * identity provider in front; the shape of the checks (who may touch which user's data) stays.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const USER_ID = /^[a-z0-9_-]{1,64}$/;

export function signToken(secret, userId) {
  return `${userId}.${createHmac('sha256', secret).update(userId).digest('hex')}`;
}

/** @returns {string | null} the user id the token proves, or null */
export function verifyToken(secret, token) {
  if (typeof token !== 'string' || token.length > 200) return null;
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const userId = token.slice(0, dot);
  if (!USER_ID.test(userId)) return null;
  const expected = Buffer.from(signToken(secret, userId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
}

export function bearer(header) {
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : null;
}
