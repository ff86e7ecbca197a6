/**
 * `--no-history` (do not record the run in `.mina/history.jsonl`) next to `--history` (scan git
 * history for secrets): two unrelated switches that commander would fold into one `history` value,
 * so that `--history --no-history` could not mean "scan git history, record nothing". This option
 * stores its value under its own key.
 */
import type { Option as OptionType } from 'commander';
import { commander } from '../commonjs-packages.js';

const { Option } = commander;

class RecordHistoryOption extends Option {
  override attributeName(): string {
    return 'recordHistory';
  }
}

export function noHistoryOption(): OptionType {
  return new RecordHistoryOption('--no-history', 'do not record this run in .mina/history.jsonl (nor keep it as the last result for mina report)');
}
