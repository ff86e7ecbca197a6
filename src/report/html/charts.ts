/**
 * The report's charts, drawn as inline SVG so the page needs no library and no network: category
 * scores as horizontal bars, and the score over time as a line. Colours come from CSS classes (the
 * page's CSP forbids inline styles); every mark has a <title> tooltip.
 */
import type { Report } from '../report-model.js';
import type { HistoryRecord } from '../../history/history-record.js';
import { escapeXml as x, truncate } from '../escape.js';

const WIDTH = 720;

export function scoreClass(score: number | null): string {
  return score === null ? 'na' : score >= 90 ? 'good' : score >= 70 ? 'fair' : 'poor';
}

export function categoryChart(categories: Report['categories']): string {
  const row = 30;
  const left = 250;
  const barMax = WIDTH - left - 70;
  const height = categories.length * row + 30;
  const out = [
    `<svg id="category-chart" class="chart" role="img" aria-label="Score by category" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
  ];
  for (const tick of [0, 50, 70, 90, 100]) {
    const tx = left + (tick / 100) * barMax;
    out.push(`<line class="grid" x1="${tx}" y1="0" x2="${tx}" y2="${height - 22}"/><text class="axis" x="${tx}" y="${height - 6}" text-anchor="middle">${tick}</text>`);
  }
  categories.forEach((c, i) => {
    const y = i * row + 4;
    const label = x(truncate(c.title, 34));
    out.push(`<g class="bar-row" data-filter-category="${x(c.id)}" tabindex="0">`);
    out.push(`<text class="label" x="${left - 10}" y="${y + 16}" text-anchor="end">${label}</text>`);
    if (c.score === null) {
      out.push(`<rect class="bar na" x="${left}" y="${y + 3}" width="${barMax}" height="18" rx="3"><title>${label}: not evaluated</title></rect>`);
      out.push(`<text class="value" x="${left + barMax + 8}" y="${y + 16}">n/a</text>`);
    } else {
      const w = Math.max(1, (c.score / 100) * barMax);
      out.push(`<rect class="track" x="${left}" y="${y + 3}" width="${barMax}" height="18" rx="3"/>`);
      out.push(`<rect class="bar ${scoreClass(c.score)}" x="${left}" y="${y + 3}" width="${w.toFixed(1)}" height="18" rx="3"><title>${label}: ${c.score.toFixed(1)}/100 (weight ${round(c.weight)})</title></rect>`);
      out.push(`<text class="value" x="${left + barMax + 8}" y="${y + 16}">${c.score.toFixed(1)}</text>`);
    }
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('\n');
}

/** Score over time, evenly spaced by run; at most the last `limit` runs. */
export function historyChart(history: readonly HistoryRecord[], limit = 100): string {
  const points = history.slice(-limit);
  const height = 240;
  const pad = { left: 40, right: 20, top: 14, bottom: 36 };
  const w = WIDTH - pad.left - pad.right;
  const h = height - pad.top - pad.bottom;
  const px = (i: number) => pad.left + (points.length === 1 ? w / 2 : (i / (points.length - 1)) * w);
  const py = (score: number) => pad.top + h - (score / 100) * h;
  const out = [
    `<svg id="history-chart" class="chart" role="img" aria-label="Score over time" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
  ];
  for (const tick of [0, 25, 50, 75, 100]) {
    out.push(`<line class="grid" x1="${pad.left}" y1="${py(tick)}" x2="${WIDTH - pad.right}" y2="${py(tick)}"/><text class="axis" x="${pad.left - 6}" y="${py(tick) + 4}" text-anchor="end">${tick}</text>`);
  }
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(i).toFixed(1)},${py(p.score).toFixed(1)}`).join(' ');
  out.push(`<path class="line" d="${path}" fill="none"/>`);
  points.forEach((p, i) => {
    const label = `${p.time.slice(0, 16).replace('T', ' ')}${p.commit ? ` · ${p.commit.slice(0, 8)}` : ''} · ${p.score.toFixed(1)}/100 · ${p.level}`;
    out.push(`<circle class="point ${scoreClass(p.score)}" cx="${px(i).toFixed(1)}" cy="${py(p.score).toFixed(1)}" r="4"><title>${x(label)}</title></circle>`);
  });
  const first = points[0];
  const last = points[points.length - 1];
  out.push(`<text class="axis" x="${pad.left}" y="${height - 10}">${x(first.time.slice(0, 10))}</text>`);
  if (points.length > 1) out.push(`<text class="axis" x="${WIDTH - pad.right}" y="${height - 10}" text-anchor="end">${x(last.time.slice(0, 10))}</text>`);
  out.push('</svg>');
  return out.join('\n');
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}
