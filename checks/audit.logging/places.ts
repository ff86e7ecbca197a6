/**
 * The places where security events happen — login, permission changes, data export/delete — found
 * as route handlers and named functions, and whether each writes to an audit log: a call whose
 * callee names the audit log (`audit(...)`, `AuditLog.objects.create`, `audit_logger.info`,
 * `prisma.auditLog.create`), a security logger, or SQL inserting into an audit table.
 */
import type { SgNode } from '@ast-grep/napi';
import { findKinds, lineOf, shortText, type CodeFile, type CodeIndex } from '../../src/facts/code/index.js';
import { wordsOf, type HttpRoute } from '../../src/facts/http-routes/index.js';
import { expandUnits } from '../../src/facts/schedules/classify.js';
import type { CodeUnit } from '../../src/facts/schedules/index.js';
import { routeRights } from '../privacy.subject-rights/paths.js';

export type Category = 'login' | 'permission' | 'data';

export interface Place {
  category: Category;
  what: string;
  file: string;
  line: number;
  unit: CodeUnit | null;
}

const LOGIN_WORDS = new Set(['login', 'signin', 'logon', 'authenticate', 'auth', 'token', 'tokens', 'session', 'sessions', 'oauth', 'sso', 'saml', 'callback', 'password', 'mfa', '2fa', 'otp']);
const PERMISSION_WORDS = new Set(['role', 'roles', 'permission', 'permissions', 'grant', 'grants', 'revoke', 'promote', 'demote', 'scope', 'scopes', 'acl', 'admin', 'admins', 'privileges', 'membership', 'memberships', 'invite', 'invites']);
const LOGIN_FN = /^(log_?in|sign_?in|authenticate|login_?user|handle_?login|verify_?password|check_?password|create_?session|issue_?token|obtain_?token)$/i;
const PERMISSION_FN = /^(set|update|change|assign|grant|revoke|add|remove|promote|demote)_?(user_?)?(role|permission|scope|admin|group|privilege)s?(_?to_?user)?$/i;

export function routePlaces(routes: readonly HttpRoute[]): Place[] {
  const out: Place[] = [];
  for (const r of routes) {
    const words = [...wordsOf(r.path), ...wordsOf(r.handlerName ?? '')];
    const writes = r.methods.some((m) => m !== 'GET' && m !== 'HEAD');
    const unit = r.handler && r.handlerFile ? { file: r.handlerFile, node: r.handler, name: r.handlerName } : null;
    const what = `${r.methods.join('|')} ${r.path}`;
    if (writes && words.some((w) => LOGIN_WORDS.has(w))) out.push({ category: 'login', what, file: r.file, line: r.line, unit });
    else if (writes && words.some((w) => PERMISSION_WORDS.has(w))) out.push({ category: 'permission', what, file: r.file, line: r.line, unit });
    else if (routeRights(r).length) out.push({ category: 'data', what, file: r.file, line: r.line, unit });
  }
  return out;
}

/** Named functions that log users in or change permissions, wherever they are called from. */
export function functionPlaces(index: CodeIndex): Place[] {
  const out: Place[] = [];
  for (const f of index.files) {
    for (const def of findKinds(f, ['function_definition', 'function_declaration', 'method_definition'])) {
      const name = def.field('name')?.text() ?? '';
      const category: Category | null = LOGIN_FN.test(name) ? 'login' : PERMISSION_FN.test(name) ? 'permission' : null;
      if (category) out.push({ category, what: `${name}()`, file: f.path, line: lineOf(def), unit: { file: f, node: def, name } });
    }
  }
  return out;
}

/** A segment of the callee that names an audit log: audit(), auditLog.write, audit_logger.info, AuditLog.objects.create, prisma.auditLog.create. */
const AUDIT_SEGMENT = /^(audit|audits|audit_?(log|logger|logs|trail|event|events|entry|entries|record|records|service|writer)|log_?audit\w*|record_?audit\w*|write_?audit\w*|emit_?audit\w*|create_?audit\w*|add_?audit\w*|track_?audit\w*)$/i;
const SECURITY_LOGGER = /^(security_?log(ger)?|sec_?log(ger)?|auth_?log(ger)?)\.(info|warning|warn|error|critical|notice|log)$/i;
const AUDIT_SQL = /\bINSERT\s+INTO\s+["`]?\w*audit\w*/i;

/** Audit writes in a node: calls naming the audit log, security loggers, SQL into an audit table. */
export function auditCalls(file: CodeFile, root: SgNode): SgNode[] {
  const out: SgNode[] = [];
  for (const call of findKinds({ root, lang: file.lang }, ['call', 'call_expression', 'new_expression'])) {
    const fn = call.field(call.kind() === 'new_expression' ? 'constructor' : 'function');
    const text = shortText(fn, 200) ?? '';
    if (text && (text.split(/[.?!]+/).some((seg) => AUDIT_SEGMENT.test(seg.replace(/\(\)$/, ''))) || SECURITY_LOGGER.test(text))) out.push(call);
  }
  for (const s of findKinds({ root, lang: file.lang }, ['string', 'template_string'])) if (AUDIT_SQL.test(shortText(s, 2000) ?? '')) out.push(s);
  return out;
}

/** Does the place (its handler and, two calls deep, the local functions it calls) write an audit event? */
export function placeAudited(index: CodeIndex, place: Place): boolean {
  if (!place.unit) return false;
  return expandUnits(index, [place.unit]).some((u) => auditCalls(u.file, u.node ?? u.file.root).length > 0);
}
