/**
 * `mina baseline [path]`: runs the checks and records every current finding's fingerprint in
 * `.mina/baseline.json`; later `mina check` runs list (and gate on) only findings not in it.
 */
import { runCheck } from './check.js';

export interface BaselineFlags {
  rubric?: string;
  plugins?: boolean;
  offline?: boolean;
  advisoryDb?: string;
}

export async function baselineAction(target: string, flags: BaselineFlags): Promise<number> {
  const report = await runCheck(target, {
    rubric: flags.rubric,
    plugins: flags.plugins,
    baseline: 'write',
    settings: { offline: flags.offline, advisoryDb: flags.advisoryDb },
  });
  const written = report.warnings.find((w) => w.startsWith('baseline written: '));
  process.stdout.write(`mina: ${written ?? 'baseline written'}; later checks list only findings not in it (score ${report.score.toFixed(1)}/100)\n`);
  return 0;
}
