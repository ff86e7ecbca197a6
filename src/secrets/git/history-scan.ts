/**
 * `--history`: the lines every commit added, scanned with the same rules as the working tree. Git
 * objects are read directly (object-store.ts), never by running git in the target. Each changed
 * blob is scanned whole (so multi-line keys are seen) and a match counts when its line is one the
 * commit added; a secret is attributed to the oldest commit that added it.
 */
import { decode } from '../../context/decode.js';
import type { ScannerConfig } from '../compiled-rule.js';
import { secretHash } from '../redact.js';
import { SecretScanner, type SecretMatch } from '../scanner.js';
import type { CommitInfo } from '../to-finding.js';
import { changedFiles, reachableCommits, refTips } from './commits.js';
import { ObjectStore } from './object-store.js';

export interface HistoryFinding {
  path: string;
  match: SecretMatch;
  commit: CommitInfo;
}

export interface HistoryResult {
  findings: HistoryFinding[];
  summary: string;
}

export interface HistoryOptions {
  signal?: AbortSignal;
  /** Stop after this many commits (newest tips first reached); 0: all. */
  maxCommits: number;
  /** Paths the check was told to allow. */
  skipPath(path: string): boolean;
  maxBlobBytes?: number;
}

export async function scanHistory(root: string, config: ScannerConfig, options: HistoryOptions): Promise<HistoryResult> {
  const store = ObjectStore.open(root, options.maxBlobBytes ?? 2 * 1024 * 1024);
  if (!store) return { findings: [], summary: 'history: not a git repository, nothing to scan' };
  try {
    if (store.sha256) return { findings: [], summary: 'history: SHA-256 repositories are not supported yet; history not scanned' };
    const commits = reachableCommits(store, refTips(store), options.maxCommits, options.signal);
    const scanner = new SecretScanner(config);
    const seen = new Set<string>();
    const findings: HistoryFinding[] = [];
    let blobs = 0;
    for (const [i, commit] of commits.entries()) {
      options.signal?.throwIfAborted();
      if (commit.parents.length > 1) continue; // merges: like `git log -p`, their own diff is not shown
      if (i % 50 === 0) await new Promise((r) => setImmediate(r)); // let the time-out fire on huge histories
      const parent = commit.parents.length === 1 ? (store.readType(commit.parents[0], 'commit') ? commit.parents[0] : null) : null;
      const parentTree = parent ? /^tree ([0-9a-f]{40})/.exec(store.readType(parent, 'commit')!.toString('latin1'))?.[1] ?? null : null;
      for (const change of changedFiles(store, parentTree, commit.tree)) {
        if (options.skipPath(change.path)) continue;
        blobs++;
        for (const match of addedMatches(store, scanner, change.path, change.oldBlob, change.newBlob)) {
          const key = `${match.ruleId}\0${change.path}\0${secretHash(match.secret)}`;
          if (match.fixture || seen.has(key)) continue;
          seen.add(key);
          findings.push({ path: change.path, match, commit: { commit: commit.oid, date: new Date(commit.time * 1000).toISOString().slice(0, 10) } });
        }
      }
    }
    return { findings, summary: `history: ${commits.length} commits, ${blobs} changed files scanned (git objects read directly)` };
  } finally {
    store.close();
  }
}

function blobText(store: ObjectStore, oid: string): string | null {
  const data = store.readType(oid, 'blob');
  if (!data) return null;
  const decoded = decode(data);
  return 'text' in decoded ? decoded.text : null;
}

/** Matches in the new blob on lines the old blob did not have. */
function addedMatches(store: ObjectStore, scanner: SecretScanner, path: string, oldBlob: string | null, newBlob: string): SecretMatch[] {
  const text = blobText(store, newBlob);
  if (text === null) return [];
  const matches = scanner.scan(text, path);
  if (matches.length === 0 || oldBlob === null) return matches;
  const old = blobText(store, oldBlob);
  if (old === null) return matches;
  const before = new Set(old.split('\n'));
  const lines = text.split('\n');
  return matches.filter((m) => !before.has(lines[m.line - 1]));
}
