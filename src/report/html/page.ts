/**
 * The HTML report: one self-contained file — inline CSS, inline script, SVG charts — that opens
 * from disk or a CI artifact with no network. Its Content-Security-Policy allows nothing but its own
 * style and script (by hash), so even a hostile finding message that slipped past escaping could
 * neither run code nor load anything.
 */
import { createHash } from 'node:crypto';
import type { Report } from '../report-model.js';
import type { HistoryRecord } from '../../history/history-record.js';
import type { Roadmap } from '../roadmap/build-roadmap.js';
import { escapeHtml as h } from '../escape.js';
import { redactReport } from '../redact.js';
import { categoryChart, historyChart, scoreClass } from './charts.js';
import { SCRIPT, STYLE } from './assets.js';
import { checksTable, findingsSection, roadmapSection } from './sections.js';

export interface HtmlOptions {
  /** Past runs, oldest first (the current run included when it was recorded). */
  history?: readonly HistoryRecord[];
  /** `mina report --format html`: the roadmap's priorities as a section. */
  roadmap?: Roadmap;
}

export function formatHtml(unredacted: Report, options: HtmlOptions = {}): string {
  const r = redactReport(unredacted);
  const history = options.history ?? [];
  const csp = `default-src 'none'; style-src '${sha256(STYLE)}'; script-src '${sha256(SCRIPT)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const level = r.level.id === 'none' ? h(r.level.title) : `${h(r.level.title)} <code>${h(r.level.id)}</code>`;
  const next = r.level.next ? `<div class="muted">next: <code>${h(r.level.next)}</code></div>` : '';
  const gate = r.gate.passed
    ? '<div class="big gate-pass">passed</div>'
    : `<div class="big gate-fail">failed</div><ul class="reasons">${r.gate.reasons.map((x) => `<li>${h(x)}</li>`).join('')}</ul>`;
  const commit = r.target.commit ? ` · commit <code>${h(r.target.commit.slice(0, 12))}</code>` : '';
  const body = [
    '<main>',
    `<h1>mina readiness report</h1>`,
    `<div class="muted"><code>${h(r.target.path)}</code>${commit} · rubric ${h(r.rubric.name)} v${r.rubric.version} · ${h(r.generatedAt)}</div>`,
    '<section class="summary" id="summary">',
    `<div class="tile"><div class="small">Score</div><div class="big ${scoreClass(r.score)}" id="score">${r.score.toFixed(1)}<span class="muted">/100</span></div></div>`,
    `<div class="tile"><div class="small">Level</div><div class="big">${level}</div>${next}</div>`,
    `<div class="tile"><div class="small">Coverage</div><div class="big">${(r.coverage * 100).toFixed(1)}%</div><div class="muted">of the rubric's weight evaluated</div></div>`,
    `<div class="tile"><div class="small">Gate</div>${gate}</div>`,
    `<div class="tile"><div class="small">Findings</div><div class="big">${r.summary.findings}</div><div class="muted">${(['critical', 'high', 'medium', 'low'] as const).map((s) => `${r.summary.bySeverity[s]} ${s}`).join(' · ')}</div></div>`,
    '</section>',
    '<section id="categories"><h2>Score by category</h2>',
    categoryChart(r.categories),
    '<p class="hint">Click a category to filter the findings below.</p></section>',
    history.length > 0 ? `<section id="trend"><h2>Score over time</h2>\n${historyChart(history)}\n<p class="hint">${history.length} recorded run${history.length === 1 ? '' : 's'} from .mina/history.jsonl</p></section>` : '',
    options.roadmap ? `<section id="roadmap"><h2>Roadmap</h2>\n${roadmapSection(options.roadmap)}</section>` : '',
    `<section id="findings"><h2>Findings</h2>\n${findingsSection(r)}</section>`,
    `<section id="checks"><h2>Checks</h2>\n${checksTable(r)}</section>`,
    r.warnings.length ? `<section id="warnings"><h2>Warnings</h2><ul>${r.warnings.map((w) => `<li>${h(w)}</li>`).join('')}</ul></section>` : '',
    `<footer>mina ${h(r.tool.version)} · ${r.inputs.files} files · ${r.inputs.skipped.length} skipped · ${r.durationMs} ms</footer>`,
    '</main>',
  ].filter((s) => s !== '');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>mina ${r.score.toFixed(1)}/100 — ${h(r.target.path.split(/[\\/]/).filter(Boolean).pop() ?? r.target.path)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
  ].join('\n') + '\n';
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
