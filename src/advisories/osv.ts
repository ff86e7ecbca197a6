/**
 * The parts of the OSV schema (ossf.github.io/osv-schema) that matching and reporting use, and a
 * coercion from untrusted JSON/YAML into them: a record that lacks an id or affected packages is
 * dropped, unknown fields are ignored.
 */

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: string;
  events: OsvEvent[];
}

export interface OsvSeverity {
  type: string;
  score: string;
}

export interface OsvAffected {
  ecosystem: string;
  name: string;
  ranges: OsvRange[];
  versions: string[];
  severity: OsvSeverity[];
  databaseSeverity: string | null;
}

export interface OsvRecord {
  id: string;
  aliases: string[];
  summary: string | null;
  modified: string | null;
  withdrawn: string | null;
  severity: OsvSeverity[];
  databaseSeverity: string | null;
  affected: OsvAffected[];
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((s): s is string => s !== null) : []);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

function severities(v: unknown): OsvSeverity[] {
  return list(v).flatMap((s) => {
    const type = str(s.type);
    const score = str(s.score);
    return type && score ? [{ type, score }] : [];
  });
}

function dbSeverity(v: unknown): string | null {
  return isObj(v) ? str(v.severity) : null;
}

function events(v: unknown): OsvEvent[] {
  return list(v).flatMap((e) => {
    const out: OsvEvent = {};
    for (const key of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
      const value = str(e[key]);
      if (value !== null) out[key] = value;
    }
    return Object.keys(out).length === 1 ? [out] : [];
  });
}

export function toOsvRecord(raw: unknown): OsvRecord | null {
  if (!isObj(raw)) return null;
  const id = str(raw.id);
  if (!id) return null;
  const affected = list(raw.affected).flatMap((a): OsvAffected[] => {
    const pkg = isObj(a.package) ? a.package : null;
    const ecosystem = pkg ? str(pkg.ecosystem) : null;
    const name = pkg ? str(pkg.name) : null;
    if (!ecosystem || !name) return [];
    return [
      {
        ecosystem,
        name,
        ranges: list(a.ranges).map((r) => ({ type: str(r.type) ?? '', events: events(r.events) })),
        versions: strings(a.versions),
        severity: severities(a.severity),
        databaseSeverity: dbSeverity(a.database_specific) ?? dbSeverity(a.ecosystem_specific),
      },
    ];
  });
  if (affected.length === 0) return null;
  return {
    id,
    aliases: strings(raw.aliases),
    summary: str(raw.summary),
    modified: str(raw.modified),
    withdrawn: str(raw.withdrawn),
    severity: severities(raw.severity),
    databaseSeverity: dbSeverity(raw.database_specific),
    affected,
  };
}

/** OSV ecosystem names may carry a suffix ("Debian:11"); only the base name selects the rules. */
export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon < 0 ? ecosystem : ecosystem.slice(0, colon);
}
