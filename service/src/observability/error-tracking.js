/**
 * Error tracking: Sentry when SENTRY_DSN is set (the SDK is loaded only then, so development and
 * tests never phone home), and always a counter plus a structured log line so errors are visible
 * even with no tracker configured.
 */
let sentry = null;

export async function initErrorTracking(config, logger) {
  if (!config.sentryDsn) return;
  try {
    const Sentry = await import('@sentry/node');
    Sentry.init({ dsn: config.sentryDsn, release: config.release, environment: config.production ? 'production' : 'development', tracesSampleRate: 0.05, sendDefaultPii: false });
    sentry = Sentry;
  } catch (err) {
    logger.warn({ err: { message: err.message } }, 'SENTRY_DSN is set but @sentry/node is not installed: errors go to logs and metrics only');
  }
}

export function captureError(err, { logger, metrics, kind = 'request', context = {} }) {
  metrics?.errors.inc({ kind });
  logger.error({ err, ...context }, 'unhandled error');
  sentry?.captureException(err, { extra: context });
}

export async function flushErrorTracking(timeoutMs = 2000) {
  await sentry?.flush(timeoutMs);
}
