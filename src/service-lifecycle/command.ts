/**
 * `mina service <up|status|smoke|load|backup|restore|drill|down|logs>`: the commander wiring and
 * the printing. Exit codes: 0 done, 1 the operation failed (not ready, smoke or drill failed),
 * 2 usage or configuration error.
 */
import type { Command } from 'commander';
import { commander } from '../commonjs-packages.js';

const { InvalidArgumentError, Option } = commander;
import { ConfigError } from '../config/config-error.js';
import type { Target } from './lifecycle.js';
import { LIMITS } from './load.js';

// The lifecycle code (process control, the Socket.IO smoke client, the database drivers) loads
// only when a service command runs, not on every `mina` start-up.
async function serviceModules() {
  const [drill, lifecycle, operations, format, state] = await Promise.all([import('./drill.js'), import('./lifecycle.js'), import('./operations.js'), import('./format.js'), import('./state.js')]);
  return { ...drill, ...lifecycle, ...operations, ...format, ...state };
}
type ServiceModules = Awaited<ReturnType<typeof serviceModules>>;

type Out = { format: 'text' | 'json' };

function int(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    return n;
  };
}

function positive(max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || n > max) throw new InvalidArgumentError(`expected a number in (0, ${max}]`);
    return n;
  };
}

const formatOption = () => new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');

export function registerServiceCommand(program: Command, setExit: (code: number) => void): void {
  const service = program
    .command('service')
    .description("drive the bundled reference service, or the one mina.yaml's service: describes, through its lifecycle")
    .option('-C, --dir <path>', 'project directory: where mina.yaml is looked up and .mina/ is written', '.')
    .option('--reference', 'use the bundled reference service even if mina.yaml describes one');

  const run = (fn: (target: Target, opts: Record<string, unknown>, m: ServiceModules) => Promise<number>) => async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    const opts = cmd.optsWithGlobals<Record<string, unknown>>();
    const m = await serviceModules();
    try {
      const target = m.resolveTarget(String(opts.dir ?? '.'), { reference: Boolean(opts.reference) });
      setExit(await fn(target, { ...opts, args: cmd.args }, m));
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      process.stderr.write(`mina service: ${(err as Error).message}\n`);
      setExit(1);
    }
  };
  const print = (opts: Out, json: unknown, text: string) => process.stdout.write(opts.format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
  const note = (msg: string) => process.stderr.write(`mina service: ${msg}\n`);

  service
    .command('up')
    .description('migrate, start the workers in the background, wait until ready, print the URL')
    .option('--workers <n>', 'worker processes (default: 2 with a database server, 1 embedded)', int(1, 64))
    .option('--port <n>', 'port to listen on (0: any free port)', int(0, 65535), 8080)
    .option('--database-url <url>', 'PostgreSQL to use (default: $DATABASE_URL, else embedded PGlite)')
    .option('--redis-url <url>', 'Redis for rate limits, cache and Socket.IO (default: $REDIS_URL)')
    .option('--embedded', 'ignore $DATABASE_URL/$REDIS_URL: embedded database, in-process everything')
    .addOption(formatOption())
    .action(run(async (target, o, m) => {
      const s = await m.up(target, { workers: o.workers as number | undefined, port: o.port as number, databaseUrl: o.databaseUrl as string | undefined, redisUrl: o.redisUrl as string | undefined, embedded: Boolean(o.embedded) });
      const backing = s.env.DATABASE_URL ? `PostgreSQL ${m.redactUrl(s.env.DATABASE_URL)}${s.env.REDIS_URL ? ` + Redis ${m.redactUrl(s.env.REDIS_URL)}` : ''}` : s.mode === 'embedded' ? 'embedded PGlite' : 'custom';
      print(o as Out, { url: s.url, pid: s.pid, mode: s.mode, workers: s.workers, readyMs: s.readyMs }, `${s.url}\nready in ${s.readyMs} ms · ${s.mode} (${backing}) · ${s.workers} worker${s.workers > 1 ? 's' : ''} · pid ${s.pid}`);
      return 0;
    }));

  service
    .command('status')
    .description('is it running and ready; where; since when')
    .addOption(formatOption())
    .action(run(async (target, o, m) => {
      const s = await m.status(target);
      print(o as Out, { running: s.running, ready: s.ready, url: s.state?.url ?? null, mode: s.state?.mode ?? null, workers: s.state?.workers ?? null, pid: s.state?.pid ?? null, uptimeS: s.uptimeS }, m.formatStatus(s));
      return s.running && s.ready ? 0 : 1;
    }));

  service
    .command('smoke')
    .description('exercise every route and a Socket.IO round trip (your service: the smoke paths in mina.yaml)')
    .addOption(formatOption())
    .action(run(async (target, o, m) => {
      const steps = await m.smoke(target);
      print(o as Out, { passed: steps.every((s) => s.ok), steps }, m.formatSmoke(steps));
      return steps.every((s) => s.ok) ? 0 : 1;
    }));

  service
    .command('load')
    .description('bounded HTTP load (autocannon): p50/p95/p99 latency, throughput, error rate')
    .option('--duration <seconds>', `how long, at most ${LIMITS.maxDurationS}`, positive(LIMITS.maxDurationS), 10)
    .option('--connections <n>', 'concurrent connections', int(1, LIMITS.maxConnections), 10)
    .option('--rate <rps>', 'overall requests per second (default: as fast as it answers)', positive(1_000_000))
    .option('--max-requests <n>', 'stop after this many requests', int(1, LIMITS.maxRequests), 1_000_000)
    .option('--url <url>', 'load this URL instead of the service mina started (you name the host: it may be non-loopback)')
    .addOption(formatOption())
    .action(run(async (target, o, m) => {
      if (o.url && !/^https?:\/\//.test(String(o.url))) throw new ConfigError('--url must be an http(s) URL');
      const { record, file } = await m.load(target, { durationS: o.duration as number, connections: o.connections as number, rate: (o.rate as number | undefined) ?? null, maxRequests: o.maxRequests as number, url: o.url as string | undefined });
      print(o as Out, { ...record, file }, `${m.formatLoad(record)}\nrecorded in ${file}`);
      return 0;
    }));

  service
    .command('backup')
    .description('take a backup of the running service')
    .addOption(formatOption())
    .action(run(async (target, o, m) => {
      const b = await m.backup(target);
      print(o as Out, b, `backup written: ${b.file}${b.bytes === null ? '' : ` (${b.bytes} bytes)`}`);
      return 0;
    }));

  service
    .command('restore')
    .description('replace the data with a backup (default: the newest): stop, wipe, restore, start')
    .argument('[file]', 'backup file')
    .option('--yes', 'confirm: the current data is discarded')
    .addOption(formatOption())
    .action(run(async (target, o, m) => {
      if (!o.yes) throw new ConfigError('restore discards the current data: pass --yes');
      const r = await m.restore(target, (o.args as string[])[0]);
      print(o as Out, r, `restored ${r.file} and restarted in ${r.ms} ms`);
      return 0;
    }));

  service
    .command('drill')
    .description('disaster-recovery drill: seed, load, backup, kill -9, wipe, restore, start, verify; records RTO and rows lost')
    .option('--rows <n>', 'rows to seed first', int(0, 10_000_000), 1000)
    .option('--load-seconds <s>', 'cap on the background load', positive(LIMITS.maxDurationS), 5)
    .option('--connections <n>', 'background load connections', int(1, 200), 8)
    .addOption(formatOption())
    .action(run(async (target, o, m) => {
      const { record, file } = await m.drill(target, { rows: o.rows as number, loadSeconds: o.loadSeconds as number, connections: o.connections as number }, (step) => o.format !== 'json' && note(step));
      print(o as Out, { ...record, file }, `${m.formatDrill(record)}\nrecorded in ${file}`);
      return record.verified ? 0 : 1;
    }));

  service
    .command('down')
    .description('stop gracefully (SIGTERM, drain), killing only after the grace period')
    .action(run(async (target, _o, m) => {
      const r = await m.down(target);
      process.stdout.write(!r.wasRunning ? 'not running\n' : r.graceful ? 'stopped\n' : 'did not stop within the grace period: killed\n');
      return r.graceful ? 0 : 1;
    }));

  service
    .command('logs')
    .description("print the end of the service's log")
    .option('-n, --lines <n>', 'how many lines', int(1, 100_000), 100)
    .action(run(async (target, o, m) => {
      const text = m.logs(target, o.lines as number);
      if (text) process.stdout.write(`${text}\n`);
      return 0;
    }));
}
