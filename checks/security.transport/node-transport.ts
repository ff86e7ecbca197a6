/**
 * Transport security in Node code: `rejectUnauthorized: false` / `strictSSL: false` in any options
 * object, `NODE_TLS_REJECT_UNAUTHORIZED = '0'` set in code, helmet / @fastify/helmet HSTS (on by
 * default, findings when switched off), HTTPS redirect middleware, an HSTS header set by hand, and
 * `ssl: false` or `sslmode=disable` for database connections.
 */
import { filesReaching, findCalls, findKinds, lineOf, originIs, originOf, shortText, valueOf, type CodeFile, type CodeIndex, type Value } from '../../src/facts/code/index.js';
import { emptyFacts, plaintextDatabaseUrl, TLS_HINT, type TransportFacts } from './evidence.js';

const REDIRECT_MODULES = ['express-sslify', 'express-enforces-ssl', 'heroku-ssl-redirect', 'koa-sslify', 'fastify-https-redirect', 'express-https-redirect'];
const DB_CTORS: Array<[string, string]> = [
  ['pg', 'Pool'],
  ['pg', 'Client'],
  ['pg', 'default.Pool'],
  ['pg', 'default.Client'],
  ['sequelize', 'Sequelize'],
  ['knex', ''],
  ['knex', 'default'],
  ['postgres', ''],
  ['postgres', 'default'],
];

export function nodeTransport(index: CodeIndex): TransportFacts {
  const facts = emptyFacts();
  for (const file of index.files) {
    if (file.lang === 'python') continue;
    verification(index, file, facts);
    helmet(index, file, facts);
    databaseTls(index, file, facts);
  }
  return facts;
}

function verification(index: CodeIndex, file: CodeFile, facts: TransportFacts): void {
  for (const pair of /rejectUnauthorized|strictSSL/.test(file.text) ? findKinds(file, ['pair']) : []) {
    const key = pair.field('key')?.text().replace(/^['"]|['"]$/g, '');
    const value = pair.field('value');
    if (!value || (key !== 'rejectUnauthorized' && key !== 'strictSSL')) continue;
    const v = valueOf(index, file, value);
    if (v.kind === 'bool' && !v.value) facts.findings.push({ id: 'tls-verify-disabled', file: file.path, line: lineOf(pair), message: `${key}: false turns TLS certificate verification off: anyone on the path can impersonate the server`, hint: TLS_HINT });
  }
  for (const a of findKinds(file, ['assignment_expression'])) {
    const left = a.field('left');
    const right = a.field('right');
    if (!left || !right) continue;
    const target = valueOf(index, file, left);
    const v = valueOf(index, file, right);
    const zero = (v.kind === 'string' && v.value.trim() === '0') || (v.kind === 'number' && v.value === 0);
    if (target.kind === 'env' && target.name === 'NODE_TLS_REJECT_UNAUTHORIZED' && zero) {
      facts.findings.push({ id: 'tls-verify-disabled', file: file.path, line: lineOf(a), message: 'NODE_TLS_REJECT_UNAUTHORIZED = 0 turns certificate verification off for every TLS connection of the process', hint: TLS_HINT });
    }
  }
}

function disabled(v: Value | undefined): boolean {
  return v?.kind === 'bool' && v.value === false;
}

function helmet(index: CodeIndex, file: CodeFile, facts: TransportFacts): void {
  const check = (opts: Value | undefined, line: number, what: string) => {
    const hsts = opts?.kind === 'map' ? (opts.entries.get('hsts') ?? opts.entries.get('strictTransportSecurity')) : undefined;
    if (disabled(hsts)) facts.findings.push({ id: 'hsts-disabled', file: file.path, line: lineOf(hsts!.node), message: `${what} with HSTS switched off`, hint: 'keep HSTS on in production (helmet enables it by default)' });
    else facts.https.push(`${what} (HSTS) at ${file.path}:${line}`);
  };
  for (const call of findCalls(index, file, [['helmet', ''], ['helmet', 'default'], ['helmet', 'helmet']])) check(call.args[0] ? valueOf(index, file, call.args[0]) : undefined, call.line, 'helmet()');
  for (const call of findCalls(index, file, [['helmet', 'hsts'], ['helmet', 'strictTransportSecurity'], ['hsts', '']])) facts.https.push(`HSTS middleware at ${file.path}:${call.line}`);
  for (const node of file.text.includes('register') ? findKinds(file, ['call_expression']) : []) {
    const fn = node.field('function');
    if (fn?.kind() !== 'member_expression' || fn.field('property')?.text() !== 'register') continue;
    const args = node.field('arguments')?.namedChildren() ?? [];
    const plugin = args[0] ? originOf(index, file, args[0]) : null;
    if (plugin && ['@fastify/helmet', 'fastify-helmet'].includes(plugin.module)) check(args[1] ? valueOf(index, file, args[1]) : undefined, lineOf(node), '@fastify/helmet');
  }
  for (const s of /strict-transport-security/i.test(file.text) ? findKinds(file, ['string']) : []) {
    if (!/strict-transport-security/i.test(shortText(s, 64) ?? '')) continue;
    const v = valueOf(index, file, s);
    if (v.kind === 'string' && v.value.toLowerCase() === 'strict-transport-security') facts.https.push(`Strict-Transport-Security header at ${file.path}:${lineOf(s)}`);
  }
  if (!file.imports.some((b) => REDIRECT_MODULES.includes(b.module))) return;
  for (const call of findKinds(file, ['call_expression'])) {
    const o = originOf(index, file, call.field('function')!);
    if (o && REDIRECT_MODULES.includes(o.module)) facts.https.push(`${o.module} at ${file.path}:${lineOf(call)}`);
  }
}

function databaseTls(index: CodeIndex, file: CodeFile, facts: TransportFacts): void {
  // By text first: a driver call must reach its package, a URL literal must spell sslmode.
  const drivers = filesReaching(index, DB_CTORS.map(([m]) => m)).has(file);
  for (const node of drivers ? findKinds(file, ['new_expression', 'call_expression']) : []) {
    const fn = node.field(node.kind() === 'new_expression' ? 'constructor' : 'function');
    const o = fn ? originOf(index, file, fn) : null;
    if (!o || !DB_CTORS.some(([m, n]) => originIs(o, m, n))) continue;
    for (const arg of node.field('arguments')?.namedChildren() ?? []) {
      const v = valueOf(index, file, arg);
      const ssl = v.kind === 'map' ? (v.entries.get('ssl') ?? (v.entries.get('dialectOptions')?.kind === 'map' ? (v.entries.get('dialectOptions') as Extract<Value, { kind: 'map' }>).entries.get('ssl') : undefined)) : undefined;
      if (disabled(ssl)) facts.findings.push({ id: 'db-tls-disabled', file: file.path, line: lineOf(ssl!.node), message: 'a database connection with ssl: false: credentials and data cross the network in plaintext', hint: 'enable TLS (ssl: true, or { ca } for a private CA) for databases outside the host' });
    }
  }
  for (const s of /sslmode/i.test(file.text) ? findKinds(file, ['string', 'template_string']) : []) {
    if (!/sslmode/i.test(shortText(s, 2048) ?? '')) continue;
    const v = valueOf(index, file, s);
    if (v.kind === 'string' && plaintextDatabaseUrl(v.value)) facts.findings.push({ id: 'db-tls-disabled', file: file.path, line: lineOf(s), message: 'a database URL with sslmode=disable: credentials and data cross the network in plaintext', hint: 'use sslmode=require (or verify-full) for databases outside the host' });
  }
}
