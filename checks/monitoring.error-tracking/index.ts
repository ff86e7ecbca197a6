/**
 * monitoring.error-tracking: an error tracker is initialised in the service's own code. An import,
 * a dependency or a mention in a comment is not tracking; a call to the SDK's init (Sentry,
 * Rollbar, Bugsnag, Honeybadger, Airbrake, Raygun, Elastic APM) or an OpenTelemetry SDK that is
 * set up and started is.
 */
import { servicePresenceFact } from '../../src/facts/service-presence.js';
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { codeIndexFact, findCalls, moduleNeedle, optionOf, type CallSite, type CodeFile, type CodeIndex } from '../../src/facts/code/index.js';
import { manifestsFact } from '../../src/facts/deps/collect.js';
import { TRACKERS, type Tracker } from './trackers.js';

export default defineCheck({
  meta: {
    id: 'monitoring.error-tracking',
    title: 'An error tracker is initialised',
    category: 'monitoring',
    severity: 'high',
    description: 'An error tracker (Sentry, Rollbar, Bugsnag, Honeybadger, OpenTelemetry …) is initialised in the application code.',
  },
  async applies({ repo }) {
    const [index, service] = await Promise.all([repo.fact(codeIndexFact), repo.fact(servicePresenceFact)]);
    if (!index.files.length) return { applies: false, reason: 'no Python/JavaScript/TypeScript sources to read' };
    return service !== null || { applies: false, reason: 'not a service: no web framework, start command or Kubernetes workload' };
  },
  async run({ repo }) {
    const index = await repo.fact(codeIndexFact);
    const findings: Finding[] = [];
    for (const t of TRACKERS) {
      for (const call of initCalls(index, t)) {
        const dsn = t.dsnOption ? optionOf(index, call, t.dsnOption) : undefined;
        if (dsn && ((dsn.kind === 'string' && dsn.value === '') || dsn.kind === 'null')) {
          findings.push({ id: 'tracker-disabled', message: `${t.name} is initialised with an empty ${t.dsnOption}: it sends nothing`, file: call.file.path, line: call.line, hint: `read ${t.dsnOption} from the environment (e.g. SENTRY_DSN)` });
          continue;
        }
        return { score: 1, findings: [], notes: [`${t.name} initialised at ${call.file.path}:${call.line}`] };
      }
    }
    if (findings.length) return { score: 0.2, findings };
    // Imported or declared but never initialised: name the place, it is the one to finish.
    for (const t of TRACKERS) {
      const file = index.files.find((f) => mayImport(f, t) && f.imports.some((b) => t.modules.some((m) => b.module === m || b.module.startsWith(`${m}/`) || b.module.startsWith(`${m}.`))));
      if (file) {
        const b = file.imports.find((x) => t.modules.some((m) => x.module === m || x.module.startsWith(`${m}/`) || x.module.startsWith(`${m}.`)))!;
        return { score: 0, findings: [{ id: 'not-initialised', message: `${t.name} is imported but never initialised`, file: file.path, line: b.line, hint: t.hint }] };
      }
    }
    const declared = (await repo.fact(manifestsFact)).declared.find((d) => TRACKERS.some((t) => t.packages.includes(d.name.toLowerCase())));
    if (declared) {
      return { score: 0, findings: [{ id: 'not-initialised', message: `${declared.name} is a dependency but no code initialises it`, file: declared.file, line: declared.line, hint: TRACKERS.find((t) => t.packages.includes(declared.name.toLowerCase()))!.hint }] };
    }
    return { score: 0, findings: [{ id: 'no-error-tracking', message: 'no error tracker is initialised (Sentry, Rollbar, Bugsnag, Honeybadger, OpenTelemetry …)', hint: 'initialise one at start-up, e.g. sentry_sdk.init(dsn=os.environ["SENTRY_DSN"]) or Sentry.init({ dsn: process.env.SENTRY_DSN })' }] };
  },
});

function initCalls(index: CodeIndex, t: Tracker): CallSite[] {
  const out: CallSite[] = [];
  for (const file of index.files) {
    if (!mayImport(file, t) || !file.imports.some((b) => t.modules.some((m) => b.module === m || b.module.startsWith(`${m}/`) || b.module.startsWith(`${m}.`)))) continue;
    const targets = t.targets(file.imports.map((b) => b.module));
    out.push(...findCalls(index, file, targets));
  }
  return out;
}

/** The file's text names one of the tracker's modules: a necessary condition for importing it, tested before parsing. */
function mayImport(file: CodeFile, t: Tracker): boolean {
  return t.modules.some((m) => file.text.includes(moduleNeedle(m, file.lang === 'python')));
}
