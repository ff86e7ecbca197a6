/**
 * Transport security in Python code: certificate verification turned off (`verify=False`,
 * `ssl._create_unverified_context()`, `CERT_NONE`, `check_hostname = False`), HTTPS enforced by
 * Flask-Talisman, Starlette's `HTTPSRedirectMiddleware`, Django `SECURE_*` settings or an HSTS header,
 * and database connections with `sslmode=disable`.
 */
import type { SgNode } from '@ast-grep/napi';
import { findCalls, findKinds, lineOf, shortText, optionOf, originIs, originOf, truthy, valueOf, type CodeFile, type CodeIndex } from '../../src/facts/code/index.js';
import type { DjangoSettings } from '../../src/facts/django-settings.js';
import { emptyFacts, plaintextDatabaseUrl, TLS_HINT, type TransportFacts } from './evidence.js';

const VERIFY_KWARGS = new Set(['verify', 'verify_certs', 'verify_ssl', 'ssl_verify', 'verify_cert']);

export function pythonTransport(index: CodeIndex, django: DjangoSettings): TransportFacts {
  const facts = emptyFacts();
  for (const file of index.files) {
    if (file.lang !== 'python') continue;
    verification(index, file, facts);
    enforcement(index, file, facts);
    databaseTls(index, file, facts);
  }
  for (const m of django.production) {
    const redirect = django.effective(m, 'SECURE_SSL_REDIRECT');
    const hsts = django.effective(m, 'SECURE_HSTS_SECONDS');
    const on = (h: typeof redirect) => h !== null && truthy(valueOf(index, h.module.file, h.node)) !== false;
    if (on(redirect)) facts.https.push(`Django SECURE_SSL_REDIRECT at ${redirect!.file}:${redirect!.line}`);
    if (on(hsts)) facts.https.push(`Django SECURE_HSTS_SECONDS at ${hsts!.file}:${hsts!.line}`);
  }
  return facts;
}

function verifyFinding(file: CodeFile, node: SgNode, what: string) {
  return { id: 'tls-verify-disabled', file: file.path, line: lineOf(node), message: `${what} turns TLS certificate verification off: anyone on the path can impersonate the server`, hint: TLS_HINT };
}

function verification(index: CodeIndex, file: CodeFile, facts: TransportFacts): void {
  // Every keyword and attribute below spells one of these: files without them are not searched.
  const named = /verify|ssl|cert_reqs|check_hostname/.test(file.text);
  for (const call of named ? findKinds(file, ['call']) : []) {
    for (const arg of call.field('arguments')?.namedChildren() ?? []) {
      if (arg.kind() !== 'keyword_argument') continue;
      const name = arg.field('name')?.text() ?? '';
      const value = arg.field('value');
      if (!value || !(VERIFY_KWARGS.has(name) || name === 'ssl' || name === 'cert_reqs')) continue;
      const v = valueOf(index, file, value);
      const calleeModule = originOf(index, file, call.field('function')!)?.module ?? '';
      if (VERIFY_KWARGS.has(name) && v.kind === 'bool' && !v.value) facts.findings.push(verifyFinding(file, arg, `${name}=False`));
      else if (name === 'ssl' && calleeModule.startsWith('aiohttp') && v.kind === 'bool' && !v.value) facts.findings.push(verifyFinding(file, arg, 'aiohttp ssl=False'));
      else if (name === 'cert_reqs' && (originIs(originOf(index, file, value), 'ssl', 'CERT_NONE') || (v.kind === 'string' && /^(CERT_NONE|none)$/i.test(v.value)))) {
        facts.findings.push(verifyFinding(file, arg, 'cert_reqs=CERT_NONE'));
      }
    }
  }
  for (const call of findCalls(index, file, [['ssl', '_create_unverified_context']])) facts.findings.push(verifyFinding(file, call.node, 'ssl._create_unverified_context()'));
  for (const a of named ? findKinds(file, ['assignment']) : []) {
    const left = a.field('left');
    const right = a.field('right');
    if (left?.kind() !== 'attribute' || !right) continue;
    const attr = left.field('attribute')?.text();
    const v = valueOf(index, file, right);
    if ((attr === 'verify' || attr === 'check_hostname') && v.kind === 'bool' && !v.value) facts.findings.push(verifyFinding(file, a, `${shortText(left) ?? left.field('attribute')?.text()} = False`));
    else if (attr === 'verify_mode' && originIs(originOf(index, file, right), 'ssl', 'CERT_NONE')) facts.findings.push(verifyFinding(file, a, `${shortText(left) ?? 'verify_mode'} = ssl.CERT_NONE`));
  }
}

function enforcement(index: CodeIndex, file: CodeFile, facts: TransportFacts): void {
  for (const call of findCalls(index, file, [['flask_talisman', 'Talisman'], ['flask_talisman', 'Talisman().init_app']])) {
    const force = optionOf(index, call, 'force_https');
    const hsts = optionOf(index, call, 'strict_transport_security');
    const off = (v: typeof force) => v !== undefined && truthy(v) === false;
    if (originIs(call.origin, 'flask_talisman', 'Talisman()') && !call.args[0] && !call.kwargs.has('app')) continue; // configured in init_app
    if (off(force) && off(hsts)) {
      facts.findings.push({ id: 'https-disabled', file: file.path, line: call.line, message: 'Flask-Talisman with force_https=False and strict_transport_security=False enforces no HTTPS', hint: 'keep force_https and HSTS on in production (turn them off only for local development)' });
    } else facts.https.push(`Flask-Talisman at ${file.path}:${call.line}`);
  }
  const redirectModules = ['fastapi.middleware.httpsredirect', 'starlette.middleware.httpsredirect'];
  if (!file.imports.some((b) => redirectModules.includes(b.module))) return headerEvidence(index, file, facts);
  for (const call of findKinds(file, ['call'])) {
    const first = call.field('arguments')?.namedChildren()[0];
    const fn = call.field('function');
    const isRedirect = (n: SgNode | null | undefined) => !!n && redirectModules.some((m) => originIs(originOf(index, file, n), m, 'HTTPSRedirectMiddleware'));
    if (isRedirect(first) || isRedirect(fn)) facts.https.push(`HTTPSRedirectMiddleware at ${file.path}:${lineOf(call)}`);
  }
  headerEvidence(index, file, facts);
}

/** An HSTS header set by hand: the header name as a string literal. */
function headerEvidence(index: CodeIndex, file: CodeFile, facts: TransportFacts): void {
  if (!/strict-transport-security/i.test(file.text)) return;
  for (const s of findKinds(file, ['string'])) {
    if (!/strict-transport-security/i.test(shortText(s, 64) ?? '')) continue;
    const v = valueOf(index, file, s);
    if (v.kind === 'string' && v.value.toLowerCase() === 'strict-transport-security') facts.https.push(`Strict-Transport-Security header at ${file.path}:${lineOf(s)}`);
  }
}

function databaseTls(index: CodeIndex, file: CodeFile, facts: TransportFacts): void {
  if (!/sslmode/i.test(file.text)) return;
  for (const s of findKinds(file, ['string'])) {
    if (!/sslmode/i.test(shortText(s, 2048) ?? '')) continue;
    const v = valueOf(index, file, s);
    if (v.kind === 'string' && plaintextDatabaseUrl(v.value)) {
      facts.findings.push({ id: 'db-tls-disabled', file: file.path, line: lineOf(s), message: 'a database URL with sslmode=disable: credentials and data cross the network in plaintext', hint: 'use sslmode=require (or verify-full) for databases outside the host' });
    }
  }
  for (const pair of findKinds(file, ['pair'])) {
    if (!/sslmode/.test(shortText(pair.field('key'), 32) ?? '')) continue;
    const key = pair.field('key');
    const value = pair.field('value');
    const k = key ? valueOf(index, file, key) : null;
    const v = value ? valueOf(index, file, value) : null;
    if (k?.kind === 'string' && k.value === 'sslmode' && v?.kind === 'string' && /^(disable|allow)$/i.test(v.value)) {
      facts.findings.push({ id: 'db-tls-disabled', file: file.path, line: lineOf(pair), message: `connect_args sslmode=${v.value}: the database connection may be plaintext`, hint: 'use sslmode=require (or verify-full)' });
    }
  }
}
