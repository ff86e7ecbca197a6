/**
 * Schedules written as files: crontabs (user crontab, `/etc/cron.d` style with a user column,
 * supercronic), systemd `.timer` units with the `.service` they start, and pg_cron jobs in SQL
 * (`SELECT cron.schedule('0 3 * * *', $$DELETE …$$)`). Commented-out lines never count.
 */
import type { RepoContext } from '../../context/repo-context.js';
import type { CiText } from '../ci/index.js';
import { isTestDataPath } from '../test-data-paths.js';

export interface CronEntry {
  file: string;
  line: number;
  schedule: string;
  command: CiText;
}

const CRON_GLOBS = ['**/crontab', '**/*.crontab', '**/crontab.*', '**/*.cron', '**/cron.d/*', '**/crontabs/*', '**/cron/*.txt'];
const SPECIAL = /^@(reboot|yearly|annually|monthly|weekly|daily|midnight|hourly|every\s+\S+)$/;
const FIELD = /^[\d*/,\-?LW#A-Za-z]{1,40}$/;
const USERS = new Set(['root', 'postgres', 'www-data', 'app', 'nobody', 'backup', 'ubuntu', 'node', 'mysql']);

export async function crontabEntries(repo: RepoContext): Promise<CronEntry[]> {
  const out: CronEntry[] = [];
  for (const f of repo.glob(CRON_GLOBS, { nocase: true })) {
    if (isTestDataPath(f.path) || /\.(md|txt\.bak|sample)$/i.test(f.path)) continue;
    const text = await repo.text(f.path);
    if (text === null) continue;
    const systemStyle = /(^|\/)cron\.d\//.test(f.path) || (/(^|\/)crontab$/.test(f.path) && /^\s*SHELL=/m.test(text));
    text.split('\n').forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#') || /^[A-Z_][A-Z0-9_]*\s*=/.test(line) || line.length > 4096) return;
      const words = line.split(/\s+/);
      let n: number;
      if (SPECIAL.test(words[0])) n = words[0] === '@every' ? 2 : 1;
      else if (words.length > 5 && words.slice(0, 5).every((w) => FIELD.test(w))) n = 5;
      else return;
      if ((systemStyle || USERS.has(words[n])) && words.length > n + 1 && /^[a-z_][a-z0-9_-]*$/.test(words[n])) n++;
      const schedule = words.slice(0, words[0] === '@every' ? 2 : Math.min(n, 5)).join(' ');
      const start = raw.indexOf(words[n]);
      if (start < 0) return;
      const cmd = raw.slice(start);
      out.push({ file: f.path, line: i + 1, schedule, command: { text: cmd, file: f.path, line: i + 1, lineAt: () => i + 1 } });
    });
  }
  return out;
}

/** `.timer` units with `OnCalendar=`/`OnUnitActiveSec=` and the `ExecStart=` of the unit they trigger. */
export async function systemdTimers(repo: RepoContext): Promise<CronEntry[]> {
  const out: CronEntry[] = [];
  for (const f of repo.glob('**/*.timer')) {
    if (isTestDataPath(f.path)) continue;
    const timer = ini(await repo.text(f.path));
    const when = timer.get('OnCalendar') ?? timer.get('OnUnitActiveSec') ?? timer.get('OnBootSec');
    if (!when) continue;
    const unit = timer.get('Unit')?.value ?? f.path.slice(f.path.lastIndexOf('/') + 1).replace(/\.timer$/, '.service');
    const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/') + 1) : '';
    const servicePath = repo.has(dir + unit) ? dir + unit : repo.files.find((x) => x.path.endsWith(`/${unit}`) || x.path === unit)?.path;
    if (!servicePath) continue;
    const exec = ini(await repo.text(servicePath)).get('ExecStart');
    if (!exec) continue;
    const text = exec.value.replace(/^[-@:+!]+/, '');
    out.push({ file: f.path, line: when.line, schedule: `${when.key}=${when.value}`, command: { text, file: servicePath, line: exec.line, lineAt: () => exec.line } });
  }
  return out;
}

function ini(text: string | null): Map<string, { key: string; value: string; line: number }> {
  const out = new Map<string, { key: string; value: string; line: number }>();
  (text ?? '').split('\n').forEach((raw, i) => {
    const m = /^\s*([A-Za-z]+)\s*=\s*(.*?)\s*$/.exec(raw.length > 4096 ? '' : raw);
    if (m && !out.has(m[1])) out.set(m[1], { key: m[1], value: m[2], line: i + 1 });
  });
  return out;
}

export interface PgCronJob {
  file: string;
  line: number;
  schedule: string;
  sql: string;
}

/** pg_cron jobs scheduled from SQL migrations: `cron.schedule([name,] schedule, command)`. */
export async function pgCronJobs(repo: RepoContext): Promise<PgCronJob[]> {
  const out: PgCronJob[] = [];
  for (const f of repo.glob('**/*.sql')) {
    if (isTestDataPath(f.path)) continue;
    const text = await repo.text(f.path);
    if (!text || !/cron\.schedule/i.test(text)) continue;
    const sql = stripSqlComments(text);
    const re = /cron\.schedule(?:_in_database)?\s*\(/gi;
    for (let m = re.exec(sql); m; m = re.exec(sql)) {
      const args = sqlStringArgs(sql, m.index + m[0].length);
      if (args.length < 2) continue;
      const [schedule, body] = args.length >= 3 ? [args[1], args[2]] : [args[0], args[1]];
      out.push({ file: f.path, line: lineAt(sql, m.index), schedule, sql: body });
    }
  }
  return out;
}

/** Comments blanked with spaces (line numbers kept); string and dollar-quoted bodies left alone. */
function stripSqlComments(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === "'" || c === '$') {
      const end = c === "'" ? quotedEnd(sql, i) : dollarEnd(sql, i);
      out += sql.slice(i, end);
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Leading string arguments of a call: '…' and $tag$…$tag$ literals separated by commas. */
function sqlStringArgs(sql: string, from: number): string[] {
  const out: string[] = [];
  let i = from;
  while (out.length < 3 && i < sql.length) {
    while (/[\s,]/.test(sql[i] ?? '')) i++;
    if (sql[i] === "'") {
      const end = quotedEnd(sql, i);
      out.push(sql.slice(i + 1, end - 1).replace(/''/g, "'"));
      i = end;
    } else if (sql[i] === '$') {
      const end = dollarEnd(sql, i);
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i, i + 64))?.[0] ?? '$$';
      out.push(sql.slice(i + tag.length, end - tag.length));
      i = end;
    } else break;
  }
  return out;
}

function quotedEnd(sql: string, i: number): number {
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === "'") {
      if (sql[j + 1] === "'") j += 2;
      else return j + 1;
    } else j++;
  }
  return sql.length;
}

function dollarEnd(sql: string, i: number): number {
  const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i, i + 64))?.[0];
  if (!tag) return i + 1;
  const end = sql.indexOf(tag, i + tag.length);
  return end < 0 ? sql.length : end + tag.length;
}

function lineAt(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
