#!/usr/bin/env node
// Lookup correctness of deps.vulnerabilities against the PyPA advisory database
// (../shared/data/osv-pypi). Ground truth is each record's own `versions` list, which OSV
// enumerated from PyPI's releases independently of our code.
//
// A. Range evaluation: every record's ECOSYSTEM ranges, with its `versions` list removed, must
//    match each listed version (recall) and must not match its `fixed` versions (specificity) —
//    this exercises the PEP 440 implementation and the event walk alone.
// B. End to end through the built check: a requirements.txt pinning, per package, one listed
//    (affected) version and one fixed version; every advisory whose list holds the pinned version
//    must be reported on that line, and none other whose list is known not to hold it.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PYPA_DB, loadDist, requireSharedDb } from '../bench/_deps-harness.mjs';

requireSharedDb('eval deps-vulnerabilities');
const dist = await loadDist();
const norm = (n) => n.toLowerCase().replace(/[-_.]+/g, '-');

const records = [];
const vulns = path.join(PYPA_DB, 'vulns');
for (const dir of readdirSync(vulns).filter((d) => !d.startsWith('.'))) {
  for (const f of readdirSync(path.join(vulns, dir))) {
    // withdrawn advisories are not vulnerabilities: the check skips them and so does the truth
    for (const r of dist.parseRecordText(f, readFileSync(path.join(vulns, dir, f), 'utf8')).records) if (!r.withdrawn) records.push(r);
  }
}

// ---- A: ranges alone against the enumerated versions
const { parsePep440 } = await import('../../dist/src/advisories/pep440.js');
let tp = 0, fn = 0, tn = 0, fp = 0, unparsable = 0, legacy = 0;
const misses = [];
for (const r of records) {
  for (const a of r.affected.filter((x) => x.ecosystem === 'PyPI')) {
    if (!a.ranges.some((g) => g.type === 'ECOSYSTEM') || a.versions.length === 0) continue;
    const rangesOnly = { ...r, affected: [{ ...a, versions: [] }] };
    const listed = new Set(a.versions);
    for (const v of a.versions) {
      // releases from before PEP 440 ("0.8.1p1") have no place in its order; the versions list
      // still matches them exactly, but ranges cannot
      if (!parsePep440(v)) legacy++;
      else if (dist.matchRecord(rangesOnly, 'PyPI', a.name, v)) tp++;
      else {
        fn++;
        if (misses.length < 8) misses.push(`${r.id} ${a.name} ${v} listed but outside the ranges`);
      }
    }
    for (const g of a.ranges.filter((x) => x.type === 'ECOSYSTEM')) {
      for (const e of g.events) {
        if (e.fixed === undefined || listed.has(e.fixed)) continue;
        if (!/^[0-9]/.test(e.fixed)) {
          unparsable++;
          continue;
        }
        if (dist.matchRecord(rangesOnly, 'PyPI', a.name, e.fixed)) {
          fp++;
          if (misses.length < 8) misses.push(`${r.id} ${a.name} ${e.fixed} is a fixed version but matched`);
        } else tn++;
      }
    }
  }
}
console.log(`records: ${records.length} (withdrawn ones left out)`);
console.log(`A. ranges vs enumerated versions: recall ${(100 * tp / (tp + fn)).toFixed(2)}% (${tp}/${tp + fn}), fixed versions rejected ${(100 * tn / (tn + fp)).toFixed(2)}% (${tn}/${tn + fp})${unparsable ? `, ${unparsable} non-PEP 440 fixed events skipped` : ''}; ${legacy} listed pre-PEP 440 versions (matched by the list only)`);
for (const m of misses) console.log(`   ${m}`);

// ---- B: end to end through the built check
const byPackage = new Map();
for (const r of records) for (const a of r.affected) if (a.ecosystem === 'PyPI') {
  const k = norm(a.name);
  if (!byPackage.has(k)) byPackage.set(k, { name: a.name, entries: [] });
  byPackage.get(k).entries.push({ id: r.id, versions: new Set(a.versions), fixed: a.ranges.flatMap((g) => g.events.flatMap((e) => (e.fixed && /^[0-9]/.test(e.fixed) ? [e.fixed] : []))) });
}
const pins = [];
for (const { name, entries } of byPackage.values()) {
  const affected = entries.find((e) => e.versions.size > 0);
  if (affected) pins.push({ name, version: [...affected.versions][0] });
  const fixed = entries.flatMap((e) => e.fixed).find((v) => !entries.some((e) => e.versions.has(v)));
  if (fixed) pins.push({ name, version: fixed });
}
// one pin per requirements file line; duplicates of a name go to a second file
const files = [[], []];
const seen = new Set();
for (const p of pins) (seen.has(norm(p.name)) ? files[1] : files[0]).push(p), seen.add(norm(p.name));
const repo = mkdtempSync(path.join(tmpdir(), 'mina-eval-deps-'));
try {
  writeFileSync(path.join(repo, 'requirements.txt'), files[0].map((p) => `${p.name}==${p.version}`).join('\n') + '\n');
  writeFileSync(path.join(repo, 'requirements-fixed.txt'), files[1].map((p) => `${p.name}==${p.version}`).join('\n') + '\n');
  const t = performance.now();
  const result = await dist.runCheck(repo);
  const ms = performance.now() - t;
  const recordById = new Map(records.map((r) => [r.id, r]));
  const insideRanges = (id, p) => {
    const r = recordById.get(id);
    return r.affected.some((a) => norm(a.name) === norm(p.name) && dist.matchRecord({ ...r, affected: [{ ...a, versions: [] }] }, 'PyPI', p.name, p.version));
  };
  let listGap = 0;
  let idTp = 0, idFn = 0, idFp = 0, rangeOnly = 0, lineTp = 0, lineFn = 0, lineFp = 0, lineTn = 0;
  const examples = [];
  [['requirements.txt', files[0]], ['requirements-fixed.txt', files[1]]].forEach(([file, list]) => {
    list.forEach((p, i) => {
      const finding = result.findings.find((f) => f.file === file && f.line === i + 1);
      const reported = new Set(finding ? [...finding.message.matchAll(/\b(PYSEC-\d{4}-\d+|GHSA-[\w-]+|OSV-\d{4}-\d+)/g)].map((m) => m[1]) : []);
      const entries = byPackage.get(norm(p.name)).entries;
      const expected = entries.filter((e) => e.versions.has(p.version)).map((e) => e.id);
      if (expected.length > 0) finding ? lineTp++ : lineFn++;
      for (const id of expected) reported.has(id) ? idTp++ : (idFn++, examples.length < 8 && examples.push(`missed ${id} for ${p.name}==${p.version}`));
      for (const id of reported) {
        if (expected.includes(id)) continue;
        const e = entries.find((x) => x.id === id);
        // a record without a versions list can only be judged by its ranges: not an error by itself
        if (e && e.versions.size === 0) rangeOnly++;
        // the record's own ranges cover the version but its enumerated list lacks it (a release
        // OSV did not enumerate): the list is incomplete, not the match wrong
        else if (e && insideRanges(id, p)) listGap++;
        else (idFp++, examples.length < 8 && examples.push(`extra ${id} for ${p.name}==${p.version}`));
      }
      if (expected.length === 0) finding && [...reported].some((id) => !entries.find((x) => x.id === id && x.versions.size === 0) && !insideRanges(id, p)) ? lineFp++ : lineTn++;
    });
  });
  console.log(`B. built check on ${files[0].length + files[1].length} generated pins (${ms.toFixed(0)} ms incl. load): ` +
    `vulnerable pins found ${lineTp}/${lineTp + lineFn}, clean pins left clean ${lineTn}/${lineTn + lineFp}; ` +
    `advisory ids: precision ${(100 * idTp / (idTp + idFp)).toFixed(2)}%, recall ${(100 * idTp / (idTp + idFn)).toFixed(2)}% ` +
    `(${idTp} right, ${idFp} wrong, ${idFn} missed; besides, ${listGap} inside the record's ranges but missing from its enumerated list, ${rangeOnly} from records with ranges only)`);
  for (const e of examples) console.log(`   ${e}`);
  console.log(`   ${result.notes?.[0] ?? ''}`);
  if (idTp === 0) process.exitCode = 1;
} finally {
  rmSync(repo, { recursive: true, force: true });
}
