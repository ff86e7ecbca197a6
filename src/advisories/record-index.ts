/**
 * OSV records held in memory, indexed by ecosystem and normalised package name, with what a report
 * needs to say about them: how many, which ecosystems, and the newest `modified` date (how current
 * the data is when nothing better is known).
 */
import { isEcosystem, packageKey, type Ecosystem } from './ecosystems.js';
import { baseEcosystem, type OsvRecord } from './osv.js';

export class RecordIndex {
  private readonly byPackage = new Map<string, OsvRecord[]>();
  private readonly seen = new Set<string>();
  readonly ecosystems = new Map<Ecosystem, number>();
  newestModified: number | null = null;
  malformed = 0;

  get size(): number {
    return this.seen.size;
  }

  add(record: OsvRecord): void {
    // the same advisory can sit in a tree twice (a zip beside its unpacked copy): keep the first
    if (this.seen.has(record.id)) return;
    this.seen.add(record.id);
    const modified = record.modified ? Date.parse(record.modified) : NaN;
    if (Number.isFinite(modified) && (this.newestModified === null || modified > this.newestModified)) this.newestModified = modified;
    const keys = new Set<string>();
    const ecosystems = new Set<Ecosystem>();
    for (const a of record.affected) {
      const eco = baseEcosystem(a.ecosystem);
      if (!isEcosystem(eco)) continue;
      keys.add(packageKey(eco, a.name));
      ecosystems.add(eco);
    }
    for (const eco of ecosystems) this.ecosystems.set(eco, (this.ecosystems.get(eco) ?? 0) + 1);
    for (const key of keys) {
      const list = this.byPackage.get(key);
      if (list) list.push(record);
      else this.byPackage.set(key, [record]);
    }
  }

  lookup(ecosystem: Ecosystem, name: string): OsvRecord[] {
    return this.byPackage.get(packageKey(ecosystem, name)) ?? [];
  }
}
