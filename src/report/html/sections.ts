/** The page's tables: checks, findings (with its filter controls) and the roadmap's priorities. */
import { SEVERITIES } from '../../engine/check-api.js';
import type { Report } from '../report-model.js';
import type { Roadmap } from '../roadmap/build-roadmap.js';
import { escapeHtml as h, truncate } from '../escape.js';

/** Marks every system font has (colour emoji fonts are often missing, e.g. on CI machines). */
const STATUS_MARK: Record<string, string> = { pass: '✔', fail: '✖', partial: '◐', error: '!', 'not-applicable': '–', skipped: '○' };

function status(s: string): string {
  return `<span class="st st-${s}">${STATUS_MARK[s] ?? '?'}</span>`;
}

/** Rows beyond this are left out (the page must stay usable); the JSON report has them all. */
export const MAX_FINDING_ROWS = 5000;

export function checksTable(r: Report): string {
  const rows = r.checks.map((c) => {
    const scored = c.status === 'pass' || c.status === 'fail' || c.status === 'partial';
    const summary = r.docs?.[c.id]?.summary;
    return `<tr data-status="${c.status}"><td>${status(c.status)} ${c.status}</td><td><code>${h(c.id)}</code></td><td${summary ? ` title="${h(truncate(summary, 400))}"` : ''}>${h(c.title)}${c.reason ? `<div class="hint">${h(truncate(c.reason, 300))}</div>` : ''}</td><td>${h(c.category)}</td><td class="num">${scored ? `${Math.round(c.score * 100)}%` : '—'}</td><td class="num">${round(c.weight)}</td><td class="num">${c.findings.length}</td></tr>`;
  });
  return [
    '<table id="checks-table"><thead><tr><th>Status</th><th>Check</th><th>Title</th><th>Category</th><th class="num">Score</th><th class="num">Weight</th><th class="num">Findings</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table>',
  ].join('\n');
}

export function findingsSection(r: Report): string {
  const all = r.checks.flatMap((c) => c.findings.map((f) => ({ c, f })));
  const shown = all.slice(0, MAX_FINDING_ROWS);
  const option = (value: string, label: string) => `<option value="${h(value)}">${h(label)}</option>`;
  const checksWithFindings = r.checks.filter((c) => c.findings.length > 0);
  const filters = [
    '<div class="filters">',
    `<label>Severity <select id="filter-severity">${option('', 'all')}${SEVERITIES.map((s) => option(s, `${s} (${r.summary.bySeverity[s]})`)).join('')}</select></label>`,
    `<label>Category <select id="filter-category">${option('', 'all')}${r.categories.map((c) => option(c.id, c.title)).join('')}</select></label>`,
    `<label>Check <select id="filter-check">${option('', 'all')}${checksWithFindings.map((c) => option(c.id, `${c.id} (${c.findings.length})`)).join('')}</select></label>`,
    '<label>Text <input id="filter-text" type="search" placeholder="file, message…"></label>',
    `<span id="shown-count" class="muted">${shown.length} of ${shown.length} shown</span>`,
    '</div>',
  ].join('\n');
  const rows = shown.map(({ c, f }) => {
    const where = f.file ? `<code>${h(f.line ? `${f.file}:${f.line}` : f.file)}</code>` : '<span class="muted">repository</span>';
    return `<tr data-severity="${f.severity}" data-category="${h(c.category)}" data-check="${h(c.id)}"><td><span class="sev sev-${f.severity}">${f.severity}</span></td><td><code>${h(c.id)}</code></td><td>${where}</td><td>${h(truncate(f.message, 2000))}${f.hint ? `<div class="hint">fix: ${h(truncate(f.hint, 1000))}</div>` : ''}</td></tr>`;
  });
  const cut = all.length > shown.length ? `<p class="muted">${all.length - shown.length} more findings are not listed here; <code>mina check --format json</code> has them all.</p>` : '';
  const empty = all.length === 0 ? '<p class="muted">No findings.</p>' : '';
  return [
    filters,
    '<table id="findings-table"><thead><tr><th>Severity</th><th>Check</th><th>Location</th><th>Message</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table>',
    cut,
    empty,
  ].join('\n');
}

export function roadmapSection(roadmap: Roadmap): string {
  const out: string[] = [];
  for (const [i, phase] of roadmap.phases.entries()) {
    out.push(`<h3>${i === 0 ? 'Next' : 'Later'}: ${h(phase.title)} <code>${h(phase.id)}</code></h3>`);
    if (phase.undefinedLevel) out.push('<p class="muted">This level lists no required checks in the rubric yet.</p>');
    else if (phase.items.length === 0) out.push('<p class="muted">Every check it requires passes.</p>');
    else out.push(itemList(phase.items));
  }
  if (roadmap.other.length) out.push('<h3>Other open items</h3>', itemList(roadmap.other));
  return out.join('\n');
}

function itemList(items: Roadmap['other']): string {
  const li = items.map((it) => {
    const gain = it.gain === null ? 'not evaluated' : `up to +${it.gain.toFixed(1)} points`;
    const hint = it.findings.find((f) => f.hint)?.hint ?? it.fix;
    return `<li>${status(it.status)} <strong>${h(it.title)}</strong> <code>${h(it.id)}</code> <span class="muted">${gain}</span>${hint ? `<div class="hint">fix: ${h(truncate(hint, 500))}</div>` : ''}${it.init ? `<div class="hint"><code>${h(it.init)}</code></div>` : ''}</li>`;
  });
  return `<ol class="roadmap">${li.join('')}</ol>`;
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}
