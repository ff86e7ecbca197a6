/**
 * The formats and the history through the real command line (in-process `main`): `mina check`
 * records each run unless `--no-history`, never inside mina's own fixtures, and renders every
 * format; `mina report` reuses a recent result or runs the checks.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { parseValidSarif } from './sarif-schema.js';

let repo: string;
beforeEach(() => {
  repo = mkdtempSync(path.join(os.tmpdir(), 'mina-cli-report-'));
  cpSync(path.join(PACKAGE_ROOT, 'checks', 'ops.runbooks', 'fixtures', 'partial'), repo, { recursive: true });
  writeFileSync(path.join(repo, 'SECURITY.md'), '# Security policy\n\n## Reporting a vulnerability\n\nEmail security@example.com; we answer within two days.\n');
});
afterEach(() => {
  rmSync(repo, { recursive: true, force: true });
});

async function mina(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    const code = await main(['node', 'mina', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const historyLines = () => readFileSync(path.join(repo, '.mina', 'history.jsonl'), 'utf8').trimEnd().split('\n');

describe('mina check and history', () => {
  it('appends one record per run and keeps the last result', async () => {
    expect((await mina('check', repo, '--format', 'json', '--no-color')).code).toBeLessThan(2);
    await mina('check', repo, '--format', 'json', '--no-color');
    expect(historyLines()).toHaveLength(2);
    const record = JSON.parse(historyLines()[1]) as { score: number; checks: Record<string, string> };
    expect(record.checks['ops.runbooks']).toBe('partial');
    expect(existsSync(path.join(repo, '.mina', 'last-report.json'))).toBe(true);
  });

  it('records nothing with --no-history, also next to --history (the git-history scan)', async () => {
    expect((await mina('check', repo, '--no-history', '--format', 'json')).code).toBeLessThan(2);
    expect((await mina('check', repo, '--history', '--no-history', '--format', 'json')).code).toBeLessThan(2);
    expect(existsSync(path.join(repo, '.mina'))).toBe(false);
  });

  it("leaves no .mina folder in mina's own fixture folders", async () => {
    const fixture = path.join(PACKAGE_ROOT, 'checks', 'ops.runbooks', 'fixtures', 'complete');
    expect((await mina('check', fixture, '--format', 'json')).code).toBeLessThan(2);
    expect(existsSync(path.join(fixture, '.mina'))).toBe(false);
  });

  it('warns about a corrupt history line and goes on', async () => {
    await mina('check', repo, '--format', 'json');
    writeFileSync(path.join(repo, '.mina', 'history.jsonl'), '{oops\n' + readFileSync(path.join(repo, '.mina', 'history.jsonl'), 'utf8'));
    const { err, out } = await mina('check', repo, '--format', 'html');
    expect(err).toContain('mina: warning: .mina/history.jsonl: line 1 is not a valid history record; skipped');
    expect(out.match(/<circle class="point/g)).toHaveLength(2);
  });

  it('renders every format', async () => {
    const run = async (format: string) => (await mina('check', repo, '--format', format, '--no-history')).out;
    const sarif = parseValidSarif(await run('sarif'));
    const rule = sarif.runs[0].tool.driver.rules.find((r) => r.id === 'ops.runbooks')!;
    expect(rule.help?.markdown).toContain('## How to fix'); // the check's real README
    expect(XMLValidator.validate(await run('junit'))).toBe(true);
    expect(await run('markdown')).toMatch(/^## .* mina readiness: \d+\.\d\/100/);
    const html = await run('html');
    expect(html).toContain('<svg id="category-chart"');
    expect(html).not.toMatch(/<(?:link|img|script)[^>]+(?:src|href)=/);
  });

  it('writes --output and says so on stderr', async () => {
    const file = path.join(repo, 'out', 'report.sarif');
    const { err, out } = await mina('check', repo, '--format', 'sarif', '--output', file, '--no-history');
    expect(out).toBe('');
    expect(err).toMatch(/report written to/);
    parseValidSarif(readFileSync(file, 'utf8'));
  });
});

describe('mina report', () => {
  it('runs the checks when there is no saved result, then reuses it', async () => {
    const first = await mina('report', repo);
    expect(first.code).toBe(0);
    expect(first.err).toContain('running the checks (no saved result)');
    expect(first.out.split('\n')[0]).toBe('# 🚀 Production Readiness Roadmap');
    expect(first.out).toContain('mina init --only ops.runbooks');
    const second = await mina('report', repo);
    expect(second.err).toContain('using the result of');
    expect(historyLines()).toHaveLength(1);
    expect(second.out).toContain('## 📈 Trend');
  });

  it('writes the HTML page with the roadmap and the score over time', async () => {
    await mina('check', repo, '--format', 'json');
    const file = path.join(repo, 'roadmap.html');
    const { code } = await mina('report', repo, '--fresh', '--format', 'html', '--output', file);
    expect(code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<section id="roadmap">');
    expect(html.match(/<circle class="point/g)).toHaveLength(2);
  });

  it('rejects a bad --max-age as a usage error', async () => {
    expect((await mina('report', repo, '--max-age', 'soon')).code).toBe(2);
  });
});
