/**
 * `--advisory-db PATH` when PATH is a directory tree or a zip of OSV records (the layout of the
 * OSV archives, of the PyPA advisory database `vulns/<package>/<ID>.yaml`, of GitHub's advisory
 * database, or any mix — zips inside the tree are read too). Loaded once per process and path.
 */
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { RecordIndex } from './record-index.js';
import { MAX_RECORD_BYTES, RECORD_FILE, decodeUtf8, parseRecordText, readZipStream, zipFileChunks, type ParsedRecords } from './record-files.js';

const CONCURRENCY = 32;
const MAX_DEPTH = 12;
const loaded = new Map<string, Promise<RecordIndex>>();

export function loadLocalDb(location: string): Promise<RecordIndex> {
  const abs = path.resolve(location);
  let hit = loaded.get(abs);
  if (!hit) {
    hit = load(abs);
    loaded.set(abs, hit);
    hit.catch(() => loaded.delete(abs));
  }
  return hit;
}

async function load(abs: string): Promise<RecordIndex> {
  const index = new RecordIndex();
  const info = await stat(abs);
  if (info.isDirectory()) {
    const { files, zips } = await listTree(abs);
    // parsed concurrently, added in path order so duplicate ids resolve the same way every run
    const parsed: ParsedRecords[] = new Array(files.length);
    await eachLimited(files.map((f, i) => [f, i] as const), CONCURRENCY, async ([file, i]) => {
      parsed[i] = parseRecordText(file, await readFile(file, 'utf8'));
    });
    for (const p of parsed) addParsed(index, p);
    for (const zip of zips) await loadZip(index, zip);
  } else {
    await loadZip(index, abs);
  }
  return index;
}

async function loadZip(index: RecordIndex, file: string): Promise<void> {
  await readZipStream(zipFileChunks(file), (name, bytes) => addParsed(index, parseRecordText(name, decodeUtf8(bytes))));
}

function addParsed(index: RecordIndex, parsed: ParsedRecords): void {
  if (parsed.malformed) index.malformed++;
  for (const r of parsed.records) index.add(r);
}

/** Record files and zips under `root`; hidden entries and symbolic links are not followed. */
export async function listTree(root: string): Promise<{ files: string[]; zips: string[] }> {
  const files: string[] = [];
  const zips: string[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) return;
    const entries = await readdir(dir, { withFileTypes: true });
    const subdirs: string[] = [];
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) subdirs.push(full);
      else if (e.isFile() && RECORD_FILE.test(e.name)) files.push(full);
      else if (e.isFile() && /\.zip$/i.test(e.name)) zips.push(full);
    }
    await eachLimited(subdirs, 8, (d) => visit(d, depth + 1));
  };
  await visit(root, 0);
  const sized = await Promise.all(files.map(async (f) => ((await lstat(f)).size <= MAX_RECORD_BYTES ? f : null)));
  return { files: sized.filter((f): f is string => f !== null).sort(), zips: zips.sort() };
}

async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
