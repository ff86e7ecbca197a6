/**
 * What checks see of the target repository: the file index from one walk, lazily read and cached
 * text, parsed forms cached per parser, and memoised facts (collectors shared between checks).
 * Checks ask; they never touch the file system themselves.
 */
import { picomatch } from '../commonjs-packages.js';
import { realFs, type FsLike } from './fs-like.js';
import { decode } from './decode.js';
import { walk, errCode, type FileEntry, type SkippedEntry, type WalkOptions } from './walk.js';
import type { Parser } from './parsers/parser.js';
import { TextCache } from './text-cache.js';

export interface Fact<T> {
  id: string;
  collect(repo: RepoContext): Promise<T> | T;
}

/** A collector whose result is computed once per run and shared by every check that asks. */
export function defineFact<T>(id: string, collect: (repo: RepoContext) => Promise<T> | T): Fact<T> {
  return { id, collect };
}

export interface ContextOptions extends Omit<WalkOptions, 'fs'> {
  fs?: FsLike;
  /** Bytes of decoded text kept in memory; re-reads past it cost I/O, never a re-parse. */
  textCacheBytes?: number;
  /** Index only these root-relative paths (e.g. the staged files a pre-commit hook passes). */
  only?: ReadonlySet<string>;
}

export class RepoContext {
  readonly skipped: SkippedEntry[];
  readonly warnings: string[] = [];
  private readonly byPath: Map<string, FileEntry>;
  private readonly texts: TextCache;
  private readonly parsed = new Map<string, Promise<unknown>>();
  private readonly facts = new Map<Fact<unknown>, Promise<unknown>>();
  private readonly globs = new Map<string, FileEntry[]>();
  private readonly unreadable = new Set<string>();
  private readonly reading = new Map<string, Promise<string | null>>();

  /** Files are on the real file system: `node:fs` reads them at their `abs` paths. */
  readonly onDisk: boolean;

  private constructor(
    readonly root: string,
    readonly files: readonly FileEntry[],
    skipped: SkippedEntry[],
    private readonly fs: FsLike,
    textCacheBytes: number,
  ) {
    this.onDisk = fs === realFs;
    this.skipped = skipped;
    this.byPath = new Map(files.map((f) => [f.path, f]));
    this.texts = new TextCache(textCacheBytes);
  }

  static async create(root: string, options: ContextOptions): Promise<RepoContext> {
    const fs = options.fs ?? realFs;
    const walked = await walk(root, { ...options, fs });
    const files = options.only ? walked.files.filter((f) => options.only!.has(f.path)) : walked.files;
    const skipped = options.only ? walked.skipped.filter((s) => options.only!.has(s.path)) : walked.skipped;
    return new RepoContext(root, files, skipped, fs, options.textCacheBytes ?? 64 * 1024 * 1024);
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  file(path: string): FileEntry | undefined {
    return this.byPath.get(path);
  }

  /** Files matching gitignore-free glob patterns (picomatch, `dot: true`), in path order. */
  glob(patterns: string | readonly string[], options: { nocase?: boolean } = {}): FileEntry[] {
    const list = typeof patterns === 'string' ? [patterns] : patterns;
    const key = `${options.nocase ? 'i' : ''}:${list.join('\0')}`;
    let hit = this.globs.get(key);
    if (!hit) {
      const match = picomatch([...list], { dot: true, nocase: options.nocase ?? false });
      hit = this.files.filter((f) => match(f.path));
      this.globs.set(key, hit);
    }
    return hit;
  }

  /** Decoded text of a file in the index, or null when it is binary, unreadable or not indexed. */
  async text(path: string): Promise<string | null> {
    const cached = this.texts.get(path);
    if (cached !== undefined) return cached;
    let pending = this.reading.get(path);
    if (!pending) {
      pending = this.read(path).finally(() => this.reading.delete(path));
      this.reading.set(path, pending);
    }
    return pending;
  }

  private async read(path: string): Promise<string | null> {
    const entry = this.byPath.get(path);
    if (!entry || this.unreadable.has(path)) return null;
    let bytes: Buffer;
    try {
      bytes = await this.fs.readFile(entry.abs);
    } catch (err) {
      this.skip(path, `unreadable (${errCode(err)})`);
      return null;
    }
    const decoded = decode(bytes);
    if ('skip' in decoded) {
      this.skip(path, decoded.skip);
      return null;
    }
    this.texts.set(path, decoded.text);
    return decoded.text;
  }

  /**
   * Texts of many files, read with bounded concurrency and returned in the order asked: a check
   * that awaits one file after another over thousands of files waits on I/O latency, not bandwidth.
   */
  async readTexts(paths: readonly string[], concurrency = 32): Promise<(string | null)[]> {
    const out: (string | null)[] = new Array(paths.length);
    let next = 0;
    const worker = async () => {
      while (next < paths.length) {
        const i = next++;
        out[i] = await this.text(paths[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker));
    return out;
  }

  /** The file parsed by `parser`, computed once per run; null when the file has no text. */
  parse<T>(path: string, parser: Parser<T>): Promise<T | null> {
    const key = `${parser.id}\0${path}`;
    let hit = this.parsed.get(key) as Promise<T | null> | undefined;
    if (!hit) {
      // The promise is cached, not the value: concurrent checks asking at once share one parse.
      hit = this.text(path).then((text) => {
        if (text === null) return null;
        try {
          return parser.parse(text, path);
        } catch (err) {
          this.warnings.push(`${path}: could not be parsed as ${parser.id}: ${(err as Error).message}`);
          return null;
        }
      });
      this.parsed.set(key, hit);
    }
    return hit;
  }

  fact<T>(fact: Fact<T>): Promise<T> {
    let hit = this.facts.get(fact as Fact<unknown>);
    if (!hit) {
      hit = Promise.resolve().then(() => fact.collect(this));
      this.facts.set(fact as Fact<unknown>, hit);
    }
    return hit as Promise<T>;
  }

  /**
   * A file a check read by itself (not through `text`) and could not use: listed with the others
   * in the report, and `text` answers null for it from then on.
   */
  skip(path: string, reason: string): void {
    if (this.unreadable.has(path)) return;
    this.unreadable.add(path);
    this.skipped.push({ path, reason });
  }
}
