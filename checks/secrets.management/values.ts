/**
 * Which names hold secrets and which values are real: a placeholder, a reference or an empty
 * string is not a leaked secret. Values are only ever shown redacted.
 */
export { redact } from '../../src/secrets/redact.js';

const SECRET_NAME = /(pass(word|wd|phrase)?|pwd|secret|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key|credentials?|auth[_-]?key|client[_-]?secret|signing[_-]?key|encryption[_-]?key|jwt[_-]?key|dsn|webhook[_-]?url)/i;
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@]{0,128}:([^\s@/]{1,256})@/i;
const PLACEHOLDER = /^(|\*+|x+|changeme|change[-_ ]?me|change[-_ ]?this|replace[-_ ]?me|replaceme|todo|tbd|dummy|example|sample|placeholder|secret|password|none|null|undefined|test|fake|redacted|your[-_ a-z]*)$/i;
const REFERENCE = /^(\$\{[^}]*\}|\$\(.*\)|\$[A-Z_][A-Z0-9_]*|\{\{.*\}\}|<[^>]*>|%\(.*\)s|ref\+\S+|vault:\S+|arn:aws:secretsmanager:\S+|projects\/\S+\/secrets\/\S+)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !/(_file|_path|_dir|_url_file|_name|_id|_user(name)?|_ttl|_expir\w*|_length|_algorithm|_header)$/i.test(name);
}

/** The secret part of a value, or null when it is a placeholder, a reference or nothing. */
export function realSecret(name: string, value: string | null): string | null {
  if (value === null) return null;
  const v = value.trim();
  const inUrl = URL_WITH_PASSWORD.exec(v);
  if (inUrl) return PLACEHOLDER.test(inUrl[1]) || REFERENCE.test(inUrl[1]) ? null : inUrl[1];
  if (!isSecretName(name) || v.length < 4 || PLACEHOLDER.test(v) || REFERENCE.test(v)) return null;
  return v;
}
