/**
 * The error trackers recognised, each with the calls that initialise it. Targets are
 * `[module, path]` as for `findCalls`: `['sentry_sdk', 'init']` is `sentry_sdk.init(...)`,
 * `['@opentelemetry/sdk-node', 'NodeSDK().start']` is `new NodeSDK(...).start()`.
 */
import type { CallTarget } from '../../src/facts/code/index.js';

export interface Tracker {
  name: string;
  /** Modules whose import marks a file worth reading (prefixes: `@sentry` covers `@sentry/node`). */
  modules: string[];
  /** Dependency names, for "declared but never initialised". */
  packages: string[];
  /** Init calls, given the modules the file imports (scoped packages vary: @sentry/node, @sentry/nextjs …). */
  targets(imported: string[]): CallTarget[];
  /** The option that carries the DSN/key: an empty literal disables the tracker. */
  dsnOption?: string;
  hint: string;
}

const scoped = (imported: string[], scope: string, paths: string[]): CallTarget[] => imported.filter((m) => m.startsWith(`${scope}/`)).flatMap((m) => paths.map((p) => [m, p] as const));

export const TRACKERS: Tracker[] = [
  {
    name: 'Sentry',
    modules: ['sentry_sdk', '@sentry', 'raven'],
    packages: ['sentry-sdk', '@sentry/node', '@sentry/browser', '@sentry/react', '@sentry/nextjs', 'raven'],
    targets: (imported) => [['sentry_sdk', 'init'], ['raven', 'Client'], ['raven.contrib.flask', 'Sentry'], ...scoped(imported, '@sentry', ['init'])],
    dsnOption: 'dsn',
    hint: 'call sentry_sdk.init(dsn=os.environ["SENTRY_DSN"]) / Sentry.init({ dsn: process.env.SENTRY_DSN }) at start-up',
  },
  {
    name: 'Rollbar',
    modules: ['rollbar'],
    packages: ['rollbar', 'pyrollbar'],
    targets: () => [['rollbar', 'init'], ['rollbar', ''], ['rollbar', 'Rollbar'], ['rollbar.contrib.flask', 'init']],
    hint: 'call rollbar.init(token, environment) / new Rollbar({ accessToken }) at start-up',
  },
  {
    name: 'Bugsnag',
    modules: ['bugsnag', '@bugsnag'],
    packages: ['bugsnag', '@bugsnag/js', '@bugsnag/node'],
    targets: (imported) => [['bugsnag', 'configure'], ['bugsnag', 'Client'], ...scoped(imported, '@bugsnag', ['start', 'init'])],
    hint: 'call bugsnag.configure(api_key=…) / Bugsnag.start({ apiKey }) at start-up',
  },
  {
    name: 'Honeybadger',
    modules: ['honeybadger', '@honeybadger-io'],
    packages: ['honeybadger', '@honeybadger-io/js'],
    targets: (imported) => [['honeybadger', 'honeybadger.configure'], ['honeybadger.contrib', 'FlaskHoneybadger'], ...scoped(imported, '@honeybadger-io', ['configure'])],
    hint: 'call honeybadger.configure(api_key=…) / Honeybadger.configure({ apiKey }) at start-up',
  },
  {
    name: 'Airbrake',
    modules: ['pybrake', '@airbrake'],
    packages: ['pybrake', '@airbrake/node'],
    targets: (imported) => [['pybrake', 'Notifier'], ...scoped(imported, '@airbrake', ['Notifier'])],
    hint: 'create the Airbrake Notifier with your project id and key at start-up',
  },
  {
    name: 'Raygun',
    modules: ['raygun4py', 'raygun'],
    packages: ['raygun4py', 'raygun'],
    targets: () => [['raygun4py.raygunprovider', 'RaygunSender'], ['raygun', 'Client'], ['raygun', 'Raygun.Client().init']],
    hint: 'create the Raygun client with your API key at start-up',
  },
  {
    name: 'Elastic APM',
    modules: ['elasticapm', 'elastic-apm-node'],
    packages: ['elastic-apm', 'elastic-apm-node'],
    targets: () => [['elasticapm.contrib.flask', 'ElasticAPM'], ['elasticapm.contrib.starlette', 'make_apm_client'], ['elasticapm', 'Client'], ['elastic-apm-node', 'start']],
    hint: 'start the Elastic APM agent at start-up',
  },
  {
    name: 'OpenTelemetry',
    modules: ['opentelemetry', '@opentelemetry'],
    packages: ['opentelemetry-sdk', '@opentelemetry/sdk-node'],
    targets: () => [
      ['opentelemetry.trace', 'set_tracer_provider'],
      ['opentelemetry._logs', 'set_logger_provider'],
      ['azure.monitor.opentelemetry', 'configure_azure_monitor'],
      ['@opentelemetry/sdk-node', 'NodeSDK().start'],
      ['@opentelemetry/sdk-trace-node', 'NodeTracerProvider().register'],
    ],
    hint: 'set up the OpenTelemetry SDK with an exporter at start-up (NodeSDK(...).start(), trace.set_tracer_provider(TracerProvider(...)))',
  },
];
