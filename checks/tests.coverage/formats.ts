/**
 * Coverage report readers: lcov tracefiles, Cobertura XML (coverage.py's XML too), JaCoCo XML,
 * coverage.py JSON, Istanbul `coverage-summary.json` and `coverage-final.json`. Each returns line
 * totals (so reports can be combined by weight) and the report's own timestamp when it has one.
 * XML is parsed with fast-xml-parser with entity processing off (no expansion attacks).
 */
import { XMLParser } from 'fast-xml-parser';

export interface Coverage {
  format: string;
  linesTotal: number;
  linesCovered: number;
  /** Epoch ms of the run, when the report records it. */
  timestamp: number | null;
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: false, allowBooleanAttributes: true, isArray: (name) => ['package', 'class', 'line', 'counter', 'sessioninfo'].includes(name) });

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

export function parseLcov(text: string): Coverage | null {
  let total = 0;
  let covered = 0;
  let recordTotal = 0;
  let recordHit = 0;
  let da = 0;
  let daHit = 0;
  let records = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('LF:')) recordTotal = num(line.slice(3)) ?? 0;
    else if (line.startsWith('LH:')) recordHit = num(line.slice(3)) ?? 0;
    else if (line.startsWith('DA:')) {
      da++;
      if ((num(line.slice(3).split(',')[1]) ?? 0) > 0) daHit++;
    } else if (line === 'end_of_record') {
      records++;
      // LF/LH are optional: fall back to counting DA lines
      total += recordTotal || da;
      covered += recordTotal ? recordHit : daHit;
      recordTotal = recordHit = da = daHit = 0;
    }
  }
  return records && total ? { format: 'lcov', linesTotal: total, linesCovered: covered, timestamp: null } : null;
}

export function parseXmlReport(text: string): Coverage | null {
  let doc: Obj;
  try {
    doc = xml.parse(text) as Obj;
  } catch {
    return null;
  }
  const cobertura = obj(doc.coverage);
  if (cobertura) {
    let total = num(cobertura['lines-valid']);
    let covered = num(cobertura['lines-covered']);
    if (total === null || covered === null) {
      // older Cobertura: count <line hits=…> under classes
      total = covered = 0;
      for (const p of arr(obj(cobertura.packages)?.package)) {
        for (const c of arr(obj(obj(p)?.classes)?.class)) {
          for (const l of arr(obj(obj(c)?.lines)?.line)) {
            total++;
            if ((num(obj(l)?.hits) ?? 0) > 0) covered++;
          }
        }
      }
      if (!total) {
        const rate = num(cobertura['line-rate']);
        if (rate === null) return null;
        return { format: 'Cobertura', linesTotal: 1000, linesCovered: Math.round(rate * 1000), timestamp: stamp(num(cobertura.timestamp)) };
      }
    }
    return total ? { format: 'Cobertura', linesTotal: total, linesCovered: covered, timestamp: stamp(num(cobertura.timestamp)) } : null;
  }
  const report = obj(doc.report);
  if (report) {
    const line = arr(report.counter).map(obj).find((c) => c?.type === 'LINE');
    const missed = num(line?.missed);
    const covered = num(line?.covered);
    if (missed === null || covered === null || missed + covered === 0) return null;
    const session = arr(report.sessioninfo).map(obj)[0];
    return { format: 'JaCoCo', linesTotal: missed + covered, linesCovered: covered, timestamp: stamp(num(session?.dump ?? session?.start)) };
  }
  return null;
}

/** coverage.py `coverage json`, Istanbul json-summary, Istanbul coverage-final. */
export function parseJsonReport(text: string): Coverage | null {
  let v: Obj | null;
  try {
    v = obj(JSON.parse(text));
  } catch {
    return null;
  }
  if (!v) return null;
  const totals = obj(v.totals);
  if (totals && obj(v.meta)) {
    const total = num(totals.num_statements);
    const covered = num(totals.covered_lines);
    if (total === null || covered === null || !total) return null;
    const ts = obj(v.meta)?.timestamp;
    return { format: 'coverage.py JSON', linesTotal: total, linesCovered: covered, timestamp: typeof ts === 'string' && !Number.isNaN(Date.parse(ts)) ? Date.parse(ts) : null };
  }
  const lines = obj(obj(v.total)?.lines);
  if (lines) {
    const total = num(lines.total);
    const covered = num(lines.covered);
    return total && covered !== null ? { format: 'Istanbul summary', linesTotal: total, linesCovered: covered, timestamp: null } : null;
  }
  // coverage-final.json: per file, statements with their start line and hit counts
  let total = 0;
  let covered = 0;
  for (const file of Object.values(v)) {
    const f = obj(file);
    const map = obj(f?.statementMap);
    const hits = obj(f?.s);
    if (!map || !hits) continue;
    const byLine = new Map<number, boolean>();
    for (const [id, loc] of Object.entries(map)) {
      const line = num(obj(obj(loc)?.start)?.line);
      if (line === null) continue;
      byLine.set(line, (byLine.get(line) ?? false) || (num(hits[id]) ?? 0) > 0);
    }
    total += byLine.size;
    for (const hit of byLine.values()) if (hit) covered++;
  }
  return total ? { format: 'Istanbul coverage-final', linesTotal: total, linesCovered: covered, timestamp: null } : null;
}

/** Report timestamps are epoch milliseconds (coverage.py, Cobertura, JaCoCo); seconds are scaled. */
function stamp(n: number | null): number | null {
  if (n === null || n <= 0) return null;
  return n < 1e11 ? n * 1000 : n;
}
