/** The score over time from `.mina/history.jsonl`: recent points, the change, what moved last run. */
import type { HistoryRecord } from '../../history/history-record.js';

export interface Trend {
  points: { time: string; commit: string | null; score: number; level: string; gate: boolean }[];
  /** Score change from the first to the last point shown. */
  change: number;
  since: string;
  /** Checks whose status changed between the last two runs. */
  improved: string[];
  regressed: string[];
}

const RANK: Record<string, number> = { pass: 3, 'not-applicable': 3, partial: 2, fail: 1, error: 0, skipped: -1 };

export function buildTrend(history: readonly HistoryRecord[], limit = 10): Trend | null {
  if (history.length === 0) return null;
  const recent = history.slice(-limit);
  const last = history[history.length - 1];
  const prev = history.length > 1 ? history[history.length - 2] : null;
  const improved: string[] = [];
  const regressed: string[] = [];
  if (prev) {
    for (const [id, status] of Object.entries(last.checks)) {
      const before = prev.checks[id];
      if (before === undefined || before === status || status === 'skipped' || before === 'skipped') continue;
      if (RANK[status] > RANK[before]) improved.push(id);
      else if (RANK[status] < RANK[before]) regressed.push(id);
    }
  }
  return {
    points: recent.map((r) => ({ time: r.time, commit: r.commit, score: r.score, level: r.level, gate: r.gate })),
    change: Math.round((last.score - recent[0].score) * 10) / 10,
    since: recent[0].time,
    improved: improved.sort(),
    regressed: regressed.sort(),
  };
}

const BLOCKS = '▁▂▃▄▅▆▇█';

/** A one-line sparkline of scores on the 0-100 scale. */
export function sparkline(scores: readonly number[]): string {
  return scores.map((s) => BLOCKS[Math.min(BLOCKS.length - 1, Math.max(0, Math.floor((s / 100) * BLOCKS.length)))]).join('');
}
