/** `mina checks [id]`: the catalogue as the effective rubric weighs it, or one check's README. */
import { readFileSync } from 'node:fs';
import { loadSetup } from '../engine/load-setup.js';
import { ConfigError } from '../config/config-error.js';

export async function checksAction(id: string | undefined, opts: { rubric?: string; plugins?: boolean }): Promise<number> {
  const { registry, plan } = await loadSetup(process.cwd(), opts);
  const planned = new Map(plan.checks.map((p) => [p.id, p]));
  if (id) {
    const reg = registry.find((r) => r.check.meta.id === id);
    if (!reg) throw new ConfigError(`unknown check "${id}" (mina checks lists them)`);
    const p = planned.get(id);
    const m = reg.check.meta;
    const head = `${m.id} — ${m.title}\ncategory ${p?.category ?? m.category} · severity ${p?.severity ?? m.severity} · weight ${p ? round(p.weight) : 'not in rubric'}${m.live ? ' · live' : ''}\n\n`;
    const body = reg.readmePath ? readFileSync(reg.readmePath, 'utf8') : `${m.description}\n`;
    process.stdout.write(head + body);
    return 0;
  }
  const rows = registry
    .map((r) => {
      const p = planned.get(r.check.meta.id);
      return [r.check.meta.id, p?.category ?? r.check.meta.category, p?.severity ?? r.check.meta.severity, p ? String(round(p.weight)) : '-'];
    })
    .sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]));
  const header = ['ID', 'CATEGORY', 'SEVERITY', 'WEIGHT'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  process.stdout.write([line(header), ...rows.map(line)].join('\n') + '\n');
  return 0;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
