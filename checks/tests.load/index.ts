/**
 * tests.load: load or performance tests exist — k6, Locust, Artillery, autocannon, JMeter, Gatling
 * scripts recognised by structure, or a load tool run by CI or an npm/make script. A load tool
 * listed as a dependency with no script is the start of one, not a test.
 */
import { servicePresenceFact } from '../../src/facts/service-presence.js';
import { defineCheck } from '../../src/engine/check-api.js';
import { allJobs, ciFact } from '../../src/facts/ci/index.js';
import { manifestsFact } from '../../src/facts/deps/collect.js';
import { schedulesFact } from '../../src/facts/schedules/index.js';
import { loadTests } from './scripts.js';

const TOOL_PACKAGES = new Set(['locust', 'k6', 'artillery', 'autocannon', 'loadtest', '@grafana/k6', 'gatling']);

/** `k6 run x.js`, `locust -f …`, `artillery run …`, `autocannon URL`, `jmeter -n -t …`, `vegeta attack`, `wrk`, `hey`, `mina service load`. */
function isLoadCommand(argv: string[]): boolean {
  const [tool, sub] = argv;
  if (tool === 'k6' || tool === 'artillery') return sub === 'run';
  if (tool === 'mina') return sub === 'service' && argv[2] === 'load';
  if (tool === 'vegeta') return sub === 'attack';
  return ['locust', 'autocannon', 'jmeter', 'wrk', 'hey', 'ab', 'gatling.sh', 'oha', 'bombardier'].includes(tool) && argv.length > 1;
}

export default defineCheck({
  meta: {
    id: 'tests.load',
    title: 'Load tests exist',
    category: 'testing',
    severity: 'low',
    description: 'Load/performance tests exist (k6, Locust, Artillery, autocannon, JMeter, Gatling).',
  },
  async applies({ repo }) {
    return (await repo.fact(servicePresenceFact)) !== null || { applies: false, reason: 'not a service: no web framework, start command or Kubernetes workload' };
  },
  async run({ repo }) {
    const tests = await loadTests(repo);
    const ci = await repo.fact(ciFact);
    const schedules = await repo.fact(schedulesFact);
    const commands = [...[...allJobs(ci)].flatMap(({ job }) => job.steps.flatMap((s) => s.commands)), ...schedules.scripts.flatMap((s) => s.commands)];
    const run = commands.find((c) => isLoadCommand(c.argv));
    const notes = tests.slice(0, 3).map((t) => `${t.tool} script ${t.file}:${t.line}`);
    if (run) notes.push(`${run.argv.slice(0, 3).join(' ')} at ${run.file}:${run.line}`);
    if (tests.length || run) return { score: 1, findings: [], notes };
    const dep = (await repo.fact(manifestsFact)).declared.find((d) => TOOL_PACKAGES.has(d.name.toLowerCase()));
    if (dep) return { score: 0.3, findings: [{ id: 'tool-without-tests', message: `${dep.name} is a dependency but no load-test script uses it`, file: dep.file, line: dep.line, hint: 'write a scenario for the main user journey (login, list, create) with a target rate and latency thresholds, and run it before releases' }] };
    return { score: 0, findings: [{ id: 'no-load-tests', message: 'no load or performance tests (k6, Locust, Artillery, autocannon, JMeter, Gatling)', hint: 'add a k6 or Locust scenario for the main API paths with p95 latency and error-rate thresholds (mina service load runs one against the running service)' }] };
  },
});
