/**
 * `mina db update`: fetch the OSV archives for npm and PyPI into the advisory cache that
 * `mina check` uses when no `--advisory-db` is given (or, with `--from`, build it from records on
 * disk). Progress bar on a terminal, one line per
 * ecosystem otherwise. Exit 0 on success, 1 when a download failed, 2 on bad arguments.
 */
import { defaultAdvisoryCacheDir } from '../advisories/cache-dir.js';
import { ECOSYSTEMS, type Ecosystem } from '../advisories/ecosystems.js';
import { updateAdvisoryCache, type DownloadProgress } from '../advisories/db-download.js';
import { importAdvisoryCache } from '../advisories/db-import.js';
import { interactiveOutput } from './output-mode.js';

export interface DbUpdateFlags {
  cacheDir?: string;
  from?: string;
  ecosystem?: string[];
  source?: string;
  color?: boolean;
}

export async function dbUpdateAction(flags: DbUpdateFlags): Promise<number> {
  const ecosystems: Ecosystem[] = [];
  for (const name of (flags.ecosystem ?? [...ECOSYSTEMS]).flatMap((e) => e.split(','))) {
    const eco = ECOSYSTEMS.find((e) => e.toLowerCase() === name.trim().toLowerCase());
    if (!eco) {
      process.stderr.write(`mina: unknown ecosystem "${name}" (known: ${ECOSYSTEMS.join(', ')})\n`);
      return 2;
    }
    if (!ecosystems.includes(eco)) ecosystems.push(eco);
  }
  const dir = flags.cacheDir ?? defaultAdvisoryCacheDir();
  const bar = interactiveOutput(process.stderr, flags.color) ? new ProgressBar(process.stderr) : null;
  try {
    const results = flags.from
      ? await importAdvisoryCache(flags.from, dir, ecosystems)
      : await updateAdvisoryCache({ dir, ecosystems, baseUrl: flags.source, onProgress: bar ? (p) => bar.update(p) : undefined });
    bar?.done();
    for (const r of results) {
      process.stdout.write(`${r.ecosystem}: ${r.entry.records} advisories, ${mb(r.bytes)} in ${(r.ms / 1000).toFixed(1)} s\n`);
    }
    process.stdout.write(`advisory cache: ${dir}\n`);
    return 0;
  } catch (err) {
    bar?.done();
    process.stderr.write(`mina: db update failed: ${(err as Error).message}\n`);
    return 1;
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A one-line bar redrawn at most ten times a second. */
class ProgressBar {
  private last = 0;
  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(p: DownloadProgress): void {
    const now = Date.now();
    if (now - this.last < 100 && p.received !== p.total) return;
    this.last = now;
    const width = 30;
    const share = p.total ? Math.min(1, p.received / p.total) : null;
    const bar = share === null ? '' : `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${(share * 100).toFixed(0).padStart(3)}% `;
    const size = p.total ? `${mb(p.received)} / ${mb(p.total)}` : mb(p.received);
    this.stream.write(`\r\x1b[2K${p.ecosystem.padEnd(5)} ${bar}${size}, ${p.records} advisories`);
  }

  done(): void {
    if (this.last > 0) this.stream.write('\r\x1b[2K');
  }
}
