/**
 * The last line of defence for secrets in reports. Checks redact what they quote, but a report is
 * where a secret would finally escape whole (a plugin check, a message echoing a config value, an
 * error text), so every reporter passes its free text through here: anything credential-shaped keeps
 * its first 4 characters, then "…" — the same form the secrets check uses.
 *
 * Every pattern is a single bounded run of one character class (no nested quantifiers), so a
 * hostile message cannot make them backtrack.
 */
import type { Report } from './report-model.js';

const KEEP = 4;
const MARK = '…';

/** Provider formats: the whole match is the secret. */
const TOKENS: RegExp[] = [
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,255}/g,
  /\bgithub_pat_[A-Za-z0-9_]{22,255}/g,
  /\bglpat-[A-Za-z0-9_-]{20,255}/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,255}/g,
  /\b[sr]k_(?:live|test)_[A-Za-z0-9]{10,255}/g,
  /\bAIza[0-9A-Za-z_-]{35}/g,
  /\bsk-[A-Za-z0-9_-]{20,255}/g,
  /\bnpm_[A-Za-z0-9]{36}/g,
  /\beyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{0,4096}/g,
];

/** `scheme://user:password@host`: the password. */
const URL_PASSWORD = /(\b[a-zA-Z][a-zA-Z0-9+.-]{0,20}:\/\/[^\s:/@]{0,128}:)([^\s@/]{1,256})@/g;
/** `SECRET_KEY = value`, `password: value`: the value. */
const ASSIGNED = /((?:passw(?:or)?d|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_-]{0,30}["']?\s{0,3}[:=]\s{0,3}["']?)([^\s"'`,;)\]}]{6,512})/gi;
/** Key material after a PEM header, up to the next dash. */
const PEM_BODY = /(-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----)([^-]{1,100000})/g;
/** Long runs that might be random material; `looksRandom` decides. */
const CANDIDATE = /[A-Za-z0-9+/_=-]{20,4096}/g;

export function redactSecrets(text: string): string {
  if (text.length === 0) return text;
  let out = text.replace(PEM_BODY, (_, head: string) => `${head}${MARK}`);
  for (const re of TOKENS) out = out.replace(re, mask);
  out = out.replace(URL_PASSWORD, (_, head: string, pw: string) => head + mask(pw) + '@');
  out = out.replace(ASSIGNED, (whole, head: string, value: string) => (isReference(value) ? whole : head + mask(value)));
  return out.replace(CANDIDATE, (run) => (looksRandom(run) ? mask(run) : run));
}

function mask(value: string): string {
  return value.includes(MARK) ? value : value.slice(0, KEEP) + MARK;
}

/** Values that name where a secret comes from rather than being one. */
function isReference(value: string): boolean {
  return /^(?:\$|<|\{|%|os\.|process\.|env\.|ENV\[|getenv|secrets\.|vault:|ref\+|\*{3})/i.test(value) || value.includes(MARK) || /^(?:changeme|redacted|example|placeholder|none|null|undefined|true|false)$/i.test(value);
}

/**
 * Random-looking: at least 20 characters besides separators, upper and lower case letters and
 * digits all present, lower-case runs short (words and identifiers have long ones: `getUserById`,
 * `src/components`), and a high character entropy. Hex digests have no upper case.
 */
export function looksRandom(run: string): boolean {
  const s = run.replace(/[/+=_-]/g, '');
  if (s.length < 20 || !/[A-Z]/.test(s) || !/[a-z]/.test(s) || !/[0-9]/.test(s)) return false;
  const lowerRuns = s.match(/[a-z]+/g) ?? [];
  // Random base62 averages 1.7 lower-case letters per run; camelCase words average 3 or more.
  if (lowerRuns.reduce((n, r) => n + r.length, 0) / lowerRuns.length >= 2.5) return false;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const n of counts.values()) entropy -= (n / s.length) * Math.log2(n / s.length);
  return entropy >= 3.5;
}

/** The report with every free-text field redacted; ids, paths, numbers and the commit are kept. */
export function redactReport(report: Report): Report {
  const r = redactSecrets;
  return {
    ...report,
    gate: { ...report.gate, reasons: report.gate.reasons.map(r) },
    checks: report.checks.map((c) => ({
      ...c,
      findings: c.findings.map((f) => ({ ...f, message: r(f.message), ...(f.hint !== undefined ? { hint: r(f.hint) } : {}) })),
      ...(c.reason !== undefined ? { reason: r(c.reason) } : {}),
      ...(c.notes !== undefined ? { notes: c.notes.map(r) } : {}),
    })),
    inputs: { ...report.inputs, skipped: report.inputs.skipped.map((s) => ({ ...s, reason: r(s.reason) })) },
    warnings: report.warnings.map(r),
    ...(report.docs
      ? { docs: Object.fromEntries(Object.entries(report.docs).map(([id, d]) => [id, { summary: r(d.summary), fix: d.fix === null ? null : r(d.fix), markdown: r(d.markdown) }])) }
      : {}),
  };
}
