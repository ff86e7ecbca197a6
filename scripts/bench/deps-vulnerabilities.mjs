#!/usr/bin/env node
// deps.vulnerabilities over a generated 5,000-package requirements.txt against the full PyPA
// advisory database (../shared/data/osv-pypi). Reports the database load time (fresh processes,
// median) and the check time once the data is loaded (walk + parse + match + findings, median).
// Target: check time under 1 s after loading. Also: the same data imported into the indexed cache
// (`mina db update --from`), opened and checked cold.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PYPA_DB, ROOT, loadDist, median, requireSharedDb } from './_deps-harness.mjs';

requireSharedDb('bench deps-vulnerabilities');
const PACKAGES = 5000;
const LOAD_RUNS = 5;
const CHECK_RUNS = 7;

// Every package the database knows (about 660, pinned at an old version most advisories cover),
// the rest packages it does not: as in a real lockfile, most lookups miss.
const known = readdirSync(path.join(PYPA_DB, 'vulns')).filter((d) => !d.startsWith('.'));
const lines = known.map((name) => `${name}==0.1`);
for (let i = 0; lines.length < PACKAGES; i++) lines.push(`bench-package-${String(i).padStart(5, '0')}==${1 + (i % 7)}.${i % 13}.${i % 5}`);
const repo = mkdtempSync(path.join(tmpdir(), 'mina-bench-deps-'));
writeFileSync(path.join(repo, 'requirements.txt'), `# generated: ${PACKAGES} pins\n${lines.join('\n')}\n`);

try {
  const loads = [];
  const code = `const t=performance.now();const m=await import(${JSON.stringify(path.join(ROOT, 'dist/src/advisories/advisory-source.js'))});` +
    `const s=await m.openAdvisorySource({offline:true,advisoryDb:${JSON.stringify(PYPA_DB)}});console.log(JSON.stringify({ms:performance.now()-t,records:s.info.records}))`;
  let records = 0;
  for (let i = 0; i < LOAD_RUNS; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`load run failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop());
    loads.push(out.ms);
    records = out.records;
  }

  const dist = await loadDist();
  const t0 = performance.now();
  const first = await dist.runCheck(repo);
  const coldMs = performance.now() - t0;
  const times = [];
  let result = first;
  for (let i = 0; i < CHECK_RUNS; i++) {
    const t = performance.now();
    result = await dist.runCheck(repo);
    times.push(performance.now() - t);
  }
  const vulnerable = result.findings.filter((f) => f.id === 'vulnerable-dependency').length;
  const checkMs = median(times);
  console.log(`database: ${records} PyPA records (${PYPA_DB})`);
  console.log(`lockfile: requirements.txt with ${lines.length} pins (${known.length} known to the database)`);
  console.log(`load time (fresh process, median of ${LOAD_RUNS}): ${median(loads).toFixed(0)} ms  [min ${Math.min(...loads).toFixed(0)}, max ${Math.max(...loads).toFixed(0)}]`);
  console.log(`first run (load + check): ${coldMs.toFixed(0)} ms`);
  console.log(`check time after loading (median of ${CHECK_RUNS}): ${checkMs.toFixed(0)} ms  [min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}]  target < 1000 ms: ${checkMs < 1000 ? 'met' : 'MISSED'}`);
  console.log(`result: ${result.status}, ${vulnerable} vulnerable pins reported`);

  // The same records imported into the cache `mina db update` writes (`mina db update --from`):
  // an index read at open, records read on demand — what `mina check` uses once the cache exists.
  const cacheDir = path.join(repo, '.cache-osv');
  const ti = performance.now();
  await dist.importAdvisoryCache(PYPA_DB, cacheDir, ['PyPI']);
  console.log(`mina db update --from (one-off import into the cache): ${(performance.now() - ti).toFixed(0)} ms`);
  const cacheRuns = [];
  let cached;
  for (let i = 0; i < CHECK_RUNS; i++) {
    const scratch = mkdtempSync(path.join(tmpdir(), 'mina-bench-deps-run-'));
    writeFileSync(path.join(scratch, 'requirements.txt'), readFileSync(path.join(repo, 'requirements.txt')));
    // a fresh copy of the cache path each run, so nothing parsed earlier is reused
    const copy = path.join(scratch, 'cache');
    cpSync(cacheDir, copy, { recursive: true });
    const t = performance.now();
    cached = await dist.runCheck(scratch, copy);
    cacheRuns.push(performance.now() - t);
    rmSync(scratch, { recursive: true, force: true });
  }
  const cachedFindings = cached.findings.filter((f) => f.id === 'vulnerable-dependency').length;
  console.log(`from the db-update cache format (open + check, cold, median of ${CHECK_RUNS}): ${median(cacheRuns).toFixed(0)} ms  [min ${Math.min(...cacheRuns).toFixed(0)}, max ${Math.max(...cacheRuns).toFixed(0)}], ${cachedFindings} vulnerable pins`);
  if (cachedFindings !== vulnerable) {
    console.error('bench deps-vulnerabilities: the cache and the directory disagree');
    process.exitCode = 1;
  }
  if (result.status !== 'fail' || vulnerable === 0) {
    console.error('bench deps-vulnerabilities: the check did not report the vulnerable pins it was given');
    process.exitCode = 1;
  }
} finally {
  rmSync(repo, { recursive: true, force: true });
}
