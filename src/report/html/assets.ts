/**
 * The page's only style sheet and script, inlined; the page's CSP allows exactly these two by hash.
 * The script filters the findings table (severity, category, check, free text) and lets a click on a
 * category bar filter by that category. Plain ES2017, no framework.
 */

export const STYLE = `
:root { --good: #1a7f37; --fair: #bf8700; --poor: #cf222e; --na: #8c959f; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 12px; border-bottom: 1px solid var(--line); padding-bottom: 6px; }
.muted { color: var(--muted); }
.summary { display: flex; flex-wrap: wrap; gap: 16px; margin: 16px 0; }
.tile { background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; min-width: 160px; }
.tile .big { font-size: 30px; font-weight: 700; } .tile .small { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.good { color: var(--good); fill: var(--good); } .fair { color: var(--fair); fill: var(--fair); } .poor { color: var(--poor); fill: var(--poor); } .na { color: var(--na); fill: #eaeef2; }
.gate-pass { color: var(--good); } .gate-fail { color: var(--poor); }
.reasons { margin: 4px 0 0; padding-left: 18px; color: var(--poor); }
svg.chart { max-width: 100%; height: auto; } svg .grid { stroke: var(--line); stroke-width: 1; } svg .axis, svg .label, svg .value { font-size: 12px; fill: var(--muted); } svg .label { fill: var(--fg); }
svg .track { fill: #eaeef2; } svg .bar-row { cursor: pointer; } svg .bar-row:hover .label, svg .bar-row:focus .label { text-decoration: underline; }
svg .line { stroke: #0969da; stroke-width: 2; } svg .point { stroke: #fff; stroke-width: 1.5; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg); font-weight: 600; } td.num, th.num { text-align: right; white-space: nowrap; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--bg); padding: 1px 4px; border-radius: 4px; word-break: break-all; }
.sev { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; color: #fff; }
.sev-critical { background: #82071e; } .sev-high { background: var(--poor); } .sev-medium { background: var(--fair); } .sev-low { background: var(--na); }
.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 12px; }
.filters select, .filters input { font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 6px; }
.hint { color: var(--muted); font-size: 13px; }
.roadmap li { margin: 4px 0; } .roadmap .hint { white-space: pre-line; }
.st { display: inline-block; width: 1.2em; text-align: center; font-weight: 700; }
.st-pass { color: var(--good); } .st-fail, .st-error { color: var(--poor); } .st-partial { color: var(--fair); } .st-not-applicable, .st-skipped { color: var(--na); }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
`;

export const SCRIPT = `
(function () {
  'use strict';
  var sev = document.getElementById('filter-severity');
  var cat = document.getElementById('filter-category');
  var chk = document.getElementById('filter-check');
  var txt = document.getElementById('filter-text');
  var count = document.getElementById('shown-count');
  var table = document.getElementById('findings-table');
  if (!sev || !cat || !chk || !txt || !count || !table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  function apply() {
    var s = sev.value, c = cat.value, k = chk.value, t = txt.value.trim().toLowerCase(), shown = 0;
    rows.forEach(function (row) {
      var ok = (!s || row.getAttribute('data-severity') === s) &&
        (!c || row.getAttribute('data-category') === c) &&
        (!k || row.getAttribute('data-check') === k) &&
        (!t || row.textContent.toLowerCase().indexOf(t) >= 0);
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' shown';
  }
  [sev, cat, chk].forEach(function (el) { el.addEventListener('change', apply); });
  txt.addEventListener('input', apply);
  Array.prototype.forEach.call(document.querySelectorAll('[data-filter-category]'), function (bar) {
    function pick() {
      cat.value = bar.getAttribute('data-filter-category');
      apply();
      document.getElementById('findings').scrollIntoView();
    }
    bar.addEventListener('click', pick);
    bar.addEventListener('keydown', function (e) { if (e.key === 'Enter') pick(); });
  });
  apply();
})();
`;
