/**
 * The roadmap in Markdown, laid out like a team's own readiness plan: status, what is done, the
 * next level's priorities with the fix and the scaffold command, later levels, KPIs and the trend.
 */
import { escapeMarkdown as md, markdownCode as code } from '../escape.js';
import { STATUS_ICON } from '../markdown.js';
import type { Roadmap, RoadmapItem, RoadmapPhase } from './build-roadmap.js';
import { sparkline } from './trend.js';

export const CATEGORY_ICON: Record<string, string> = {
  security: '🔒',
  privacy: '🛡️',
  monitoring: '📊',
  performance: '⚡',
  testing: '🧪',
  infra: '🏗️',
  ops: '🛠️',
  github: '🐙',
  slo: '🎯',
};

export function formatRoadmapMarkdown(roadmap: Roadmap): string {
  const r = roadmap.report;
  const out: string[] = ['# 🚀 Production Readiness Roadmap', ''];
  const level = r.level.id === 'none' ? 'no level reached yet' : `level ${md(r.level.title)} (${code(r.level.id)}) reached`;
  out.push(`**Current status: ${r.score.toFixed(1)}/100 — ${level}**`, '');
  out.push(`Coverage ${(r.coverage * 100).toFixed(1)}% of the rubric's weight evaluated · gate ${r.gate.passed ? '✅ passed' : `❌ failed (${r.gate.reasons.map((x) => md(x)).join('; ')})`} · rubric ${md(r.rubric.name)} v${r.rubric.version}${r.target.commit ? ` · commit ${code(r.target.commit.slice(0, 12))}` : ''} · ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC`, '');

  out.push('## ✅ Completed', '');
  if (roadmap.done.length === 0) out.push('_No check passes yet._', '');
  for (const group of roadmap.done) {
    out.push(`### ${CATEGORY_ICON[group.category] ?? '📦'} ${md(group.title)}`);
    for (const c of group.checks) out.push(`- ✅ ${md(c.title)} (${code(c.id)})${c.note ? ` — ${md(c.note)}` : ''}`);
    out.push('');
  }
  out.push('---', '');

  roadmap.phases.forEach((phase, i) => out.push(...phaseSection(phase, i === 0)));
  if (roadmap.other.length) {
    out.push('## 📋 Other open items', '', '_Checks no level requires; they still count in the score._', '');
    roadmap.other.forEach((item, i) => out.push(...itemLines(item, i + 1)));
    out.push('---', '');
  }
  if (roadmap.next.length) {
    out.push('## ⚡ Immediate next actions', '');
    roadmap.next.forEach((item, i) => out.push(`${i + 1}. ${md(item.title)} (${code(item.id)}) — up to +${item.gain!.toFixed(1)} points${item.init ? `: ${code(item.init)}` : ''}`));
    out.push('', '---', '');
  }

  out.push('## 🎯 Success metrics (KPIs)', '', '| KPI | Target | Measured | | Source |', '|---|---|---|---|---|');
  for (const k of roadmap.kpis) {
    const met = k.met === null ? '—' : k.met ? '✅' : '❌';
    out.push(`| ${md(k.name, true)} | ${md(k.target, true)} | ${k.measured === null ? '_not measured_' : md(k.measured, true)} | ${met} | ${md(k.source, true)} |`);
  }
  out.push('', ...trendLines(roadmap), '---', '');

  const first = roadmap.phases.find((p) => p.items.length > 0);
  out.push(first ? `**Next step: complete the ${first.items.length} item${first.items.length === 1 ? '' : 's'} of ${md(first.title)} (${code(first.id)}) to reach that level.**` : roadmap.other.length ? '**Next step: every level is reached; the open items above raise the score further.**' : '**Every check passes or does not apply. Keep the gate in CI.**');
  return out.join('\n') + '\n';
}

function phaseSection(phase: RoadmapPhase, isNext: boolean): string[] {
  const out = [`## 🎯 ${isNext ? 'Next' : 'Later'}: ${md(phase.title)} (${code(phase.id)})`, ''];
  if (phase.description) out.push(`_${md(phase.description)}_`, '');
  if (phase.undefinedLevel) out.push('_This level lists no required checks in the rubric yet, so it cannot be reached; add `requires:` to it._', '');
  else if (phase.items.length === 0) out.push('_Every check this level requires passes; an earlier level is still open._', '');
  phase.items.forEach((item, i) => out.push(...itemLines(item, i + 1)));
  out.push('---', '');
  return out;
}

function itemLines(item: RoadmapItem, rank: number): string[] {
  const gain = item.gain === null ? 'not evaluated' : `up to +${item.gain.toFixed(1)} points`;
  const out = [`### Priority ${rank}: ${md(item.title)}`, '', `${STATUS_ICON[item.status]} ${code(item.id)} · ${item.status} · ${gain} · priority ${item.priority}`, ''];
  if (item.reason) out.push(`> ${md(item.reason)}`, '');
  for (const f of item.findings) out.push(`- ${f.where ? `${code(f.where)} ` : ''}${md(f.message)}${f.hint ? ` — fix: ${md(f.hint)}` : ''}`);
  if (item.moreFindings) out.push(`- _… and ${item.moreFindings} more (see \`mina check\`)_`);
  if (item.findings.length) out.push('');
  // The README is mina's own text (never the scanned repository's), so it is rendered as written.
  if (item.fix) out.push('**How to fix:**', '', item.fix, '');
  if (item.init) out.push('```bash', item.init, '```', '');
  return out;
}

function trendLines(roadmap: Roadmap): string[] {
  const t = roadmap.trend;
  const out = ['## 📈 Trend', ''];
  if (!t) return [...out, '_No history yet: each `mina check` adds a point to `.mina/history.jsonl`._', ''];
  const sign = t.change > 0 ? '+' : '';
  out.push(`${sparkline(t.points.map((p) => p.score))} ${sign}${t.change.toFixed(1)} points over the last ${t.points.length} run${t.points.length === 1 ? '' : 's'} (since ${t.since.slice(0, 10)})`, '');
  if (t.improved.length) out.push(`- Improved last run: ${t.improved.map((id) => code(id)).join(', ')}`);
  if (t.regressed.length) out.push(`- Regressed last run: ${t.regressed.map((id) => code(id)).join(', ')}`);
  if (t.improved.length || t.regressed.length) out.push('');
  out.push('| Date | Commit | Score | Level | Gate |', '|---|---|---:|---|---|');
  for (const p of [...t.points].reverse()) {
    out.push(`| ${p.time.slice(0, 16).replace('T', ' ')} | ${p.commit ? code(p.commit.slice(0, 8), true) : '—'} | ${p.score.toFixed(1)} | ${code(p.level, true)} | ${p.gate ? '✅' : '❌'} |`);
  }
  return [...out, ''];
}
