/**
 * What a job does, read from the commands it runs and the code it calls: a database backup, a
 * restore, retention of old backups, or a purge/anonymisation of old rows. Commands are argv lists
 * (wrappers already removed); code is read from string literals and call chains in the functions a
 * job runs, one or two calls deep — never from comments.
 */
import type { SgNode } from '@ast-grep/napi';
import { splitShell } from '../ci/shell.js';
import { findKinds, kindOf, shortText, type CodeIndex } from '../code/index.js';
import { resolveHandler } from '../http-routes/handlers.js';
import type { CodeUnit } from './model.js';

const sub = (argv: string[], ...words: string[]) => words.every((w) => argv.includes(w));

/** pg_dump, pgBackRest, WAL-G, Barman, mysqldump, mongodump, restic, borg, Velero, cloud snapshots … */
export function isBackupCommand(argv: string[]): boolean {
  const [tool] = argv;
  if (/^(pg_dump|pg_dumpall|pg_basebackup|mysqldump|mariadb-dump|mariabackup|xtrabackup|mongodump|pg_probackup)$/.test(tool)) return tool !== 'pg_probackup' || argv.includes('backup');
  if (tool === 'pgbackrest') return argv.includes('backup');
  if (tool === 'wal-g' || tool === 'wal-e' || tool === 'envdir') return argv.includes('backup-push');
  if (tool === 'barman') return argv.includes('backup');
  if (tool === 'restic') return argv.includes('backup');
  if (tool === 'borg') return argv.includes('create');
  if (tool === 'velero') return sub(argv, 'backup', 'create');
  if (tool === 'aws') return argv.some((a) => /^create-db(-cluster)?-snapshot$|^start-backup-job$/.test(a));
  if (tool === 'gcloud') return sub(argv, 'backups', 'create');
  if (tool === 'az') return argv.includes('backup') && argv.includes('create');
  if (tool === 'litestream') return argv.includes('replicate');
  if (tool === 'sqlite3') return argv.some((a) => a.startsWith('.backup'));
  if (tool === 'redis-cli') return argv.includes('--rdb') || argv.some((a) => /^bgsave$/i.test(a));
  if (tool === 'mina') return sub(argv, 'service', 'backup');
  return false;
}

/** pg_restore, `pgbackrest restore`, `wal-g backup-fetch`, mongorestore, `velero restore create`, `mina service drill` … */
export function isRestoreCommand(argv: string[]): boolean {
  const [tool] = argv;
  if (/^(pg_restore|mongorestore)$/.test(tool)) return true;
  if (tool === 'pgbackrest' || tool === 'restic' || tool === 'pg_probackup' || tool === 'litestream') return argv.includes('restore');
  if (tool === 'wal-g' || tool === 'wal-e' || tool === 'envdir') return argv.includes('backup-fetch');
  if (tool === 'barman') return argv.includes('recover');
  if (tool === 'borg') return argv.includes('extract');
  if (tool === 'velero') return sub(argv, 'restore', 'create');
  if (tool === 'aws') return argv.some((a) => /^restore-db-(instance|cluster)-(from|to)-/.test(a));
  if (tool === 'gcloud') return sub(argv, 'backups', 'restore');
  if (tool === 'psql' || tool === 'mysql' || tool === 'mariadb') return argv.some((a, i) => (a === '-f' || a === '--file' || a.startsWith('--file=') || i > 0) && /(dump|backup|restore)[\w.-]*|\.sql(\.gz)?$/i.test(a) && !a.startsWith('-c'));
  if (tool === 'mina') return sub(argv, 'service', 'drill') || sub(argv, 'service', 'restore');
  return false;
}

/** A raw shell line restoring through a redirect, which argv splitting loses: `psql "$URL" < dump.sql`, `gunzip -c x | psql`. */
export function isRestoreLine(line: string): boolean {
  const l = line.length > 2000 ? line.slice(0, 2000) : line;
  return (
    /\b(psql|mysql|mariadb)\b[^\n<|]{0,300}<\s*\S{0,200}(dump|backup|\.sql)/i.test(l) ||
    // a decompressed dump piped into the client: gunzip -c x.sql.gz | psql
    /\b(gunzip|zcat|zstdcat|xzcat|bzcat|gzip\s+-dc?|zstd\s+-dc?)\b[^\n|]{0,300}\|\s*(psql|mysql|mariadb|pg_restore|mongorestore)\b/i.test(l) ||
    /\bcat\b[^\n|]{0,300}(dump|backup)[^\n|]{0,200}\|\s*(psql|mysql|mariadb|pg_restore)\b/i.test(l)
  );
}

/** Removes old backups: `find … -mtime +7 -delete`, `wal-g delete retain 7`, `pgbackrest expire`, `restic forget --keep-daily`, `borg prune`, `--keep`/`--retention` flags. */
export function isBackupRetentionCommand(argv: string[]): boolean {
  const [tool] = argv;
  if (tool === 'find') return argv.some((a) => a === '-mtime' || a === '-mmin' || a === '-ctime' || a === '-newermt') && argv.some((a) => a === '-delete' || a === 'rm' || a === '-exec');
  if (tool === 'wal-g' || tool === 'wal-e') return argv.includes('delete');
  if (tool === 'pgbackrest') return argv.includes('expire') || argv.some((a) => /^--repo\d*-retention-/.test(a));
  if (tool === 'restic') return argv.includes('forget') && argv.some((a) => a.startsWith('--keep'));
  if (tool === 'borg') return argv.includes('prune');
  if (tool === 'barman') return argv.includes('delete');
  if (tool === 'velero') return argv.some((a) => a === '--ttl' || a.startsWith('--ttl='));
  if (tool === 'aws' && argv.includes('s3')) return argv.includes('rm') && argv.some((a) => /older|date|days/i.test(a));
  return argv.some((a) => /^--(keep|retention|retain|max-age|delete-older-than)([-=_]|$)/.test(a));
}

const SQL_DELETE = /\b(DELETE\s+FROM|TRUNCATE\s|DROP\s+PARTITION|UPDATE\s+\S+\s+SET\s[^;]{0,300}=\s*NULL)\b/i;
const TIME_CONDITION = /(<|<=|\binterval\b|\bnow\s*\(|current_(date|timestamp)|date_sub|dateadd|\bago\b|older|expire|make_interval|retention|cutoff)/i;

/** SQL that removes or anonymises rows past a cut-off. */
export function isSqlPurge(sql: string): boolean {
  const s = sql.length > 4000 ? sql.slice(0, 4000) : sql;
  return SQL_DELETE.test(s) && TIME_CONDITION.test(s);
}

const DELETE_CALLS = /^(delete|delete_many|deleteMany|destroy|remove|del|bulk_delete|deleteMany|purge|truncate)$/;
const LESS_THAN = /(__lt\b|__lte\b|__range\b|\$lt\b|\blt\s*:|\blte\s*:|Op\.lt|LessThan(OrEqual)?\s*\(|\s<=?\s|['"]<=?['"])/;
const ANONYMISE = /anonymi[sz]e|pseudonymi[sz]e|scrub|redact|purge|retention|expire|prune|cleanup|clean_up/i;

export interface CodeEvidence {
  unit: CodeUnit;
  node: SgNode;
  what: string;
}

/** Functions a unit runs: itself and, two calls deep, the local functions it calls. */
export function expandUnits(index: CodeIndex, units: readonly CodeUnit[], depth = 2): CodeUnit[] {
  const out: CodeUnit[] = [];
  const seen = new Set<number>();
  let frontier = [...units];
  for (let d = 0; d <= depth && frontier.length; d++) {
    const next: CodeUnit[] = [];
    for (const u of frontier) {
      const root = u.node ?? u.file.root;
      if (seen.has(root.id())) continue;
      seen.add(root.id());
      out.push(u);
      if (d === depth) continue;
      for (const call of findKinds({ root, lang: u.file.lang }, ['call', 'call_expression']).slice(0, 200)) {
        const fn = call.field('function');
        if (fn?.kind() !== 'identifier') continue;
        const h = resolveHandler(index, u.file, fn);
        if (h && kindOf(h.node) !== 'class_definition' && kindOf(h.node) !== 'class_declaration') next.push({ file: h.file, node: h.node, name: h.name });
      }
    }
    frontier = next;
  }
  return out;
}

/** String literals in a unit, and the argv of array literals of strings (`["pg_dump", "-Fc", url]`). */
export function commandsInCode(unit: CodeUnit): { argv: string[]; node: SgNode }[] {
  const out: { argv: string[]; node: SgNode }[] = [];
  const root = unit.node ?? unit.file.root;
  for (const s of findKinds({ root, lang: unit.file.lang }, ['string', 'template_string'])) {
    const parent = s.parent();
    const text = literalText(s);
    if (parent && (parent.kind() === 'list' || parent.kind() === 'array') && parent.namedChildren()[0]?.id() === s.id()) {
      out.push({ argv: parent.namedChildren().map((c) => (c.kind() === 'string' || c.kind() === 'template_string' ? literalText(c) : '$VAR')), node: s });
    }
    if (text.length < 2000) for (const c of splitShell(text)) out.push({ argv: c.argv, node: s });
  }
  return out;
}

function literalText(node: SgNode): string {
  return node.text().replace(/^[rbufRBUF]{0,2}("""|'''|"|'|`)/, '').replace(/("""|'''|"|'|`)$/, '');
}

/** Deletions or anonymisation of old rows in a unit: SQL in literals, ORM delete calls with a less-than filter, anonymise functions. */
export function purgeEvidence(unit: CodeUnit): CodeEvidence[] {
  const out: CodeEvidence[] = [];
  const root = unit.node ?? unit.file.root;
  const lang = { root, lang: unit.file.lang };
  for (const s of findKinds(lang, ['string', 'template_string'])) {
    if (isSqlPurge(s.text())) out.push({ unit, node: s, what: 'SQL delete of old rows' });
  }
  for (const call of findKinds(lang, ['call', 'call_expression'])) {
    const fn = call.field('function');
    const name = fn?.kind() === 'attribute' ? fn.field('attribute')?.text() : fn?.kind() === 'member_expression' ? fn.field('property')?.text() : shortText(fn, 80);
    if (!name || !DELETE_CALLS.test(name)) continue;
    const text = shortText(call, 3000);
    if (text && LESS_THAN.test(text)) out.push({ unit, node: call, what: `${name}() of rows past a cut-off` });
  }
  if (unit.name && ANONYMISE.test(unit.name) && findKinds(lang, ['call', 'call_expression']).some((c) => /delete|destroy|remove|update|anonymi|execute|query/i.test(shortText(c.field('function'), 200) ?? ''))) {
    out.push({ unit, node: root, what: `${unit.name}()` });
  }
  return out;
}
