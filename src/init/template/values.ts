/**
 * What a template variable may hold, and how each kind reaches each target format. Free text (a
 * project name, a contact) is escaped for the file it lands in, so a name with spaces, quotes,
 * `#`, `${{ }}` or a newline cannot break a YAML document, a Dockerfile or a Markdown page. Tokens
 * (Kubernetes names, image references, paths) are validated once, when they are made, against a
 * pattern that holds no character any format treats specially, and then go in as they are.
 */

export type TargetFormat = 'yaml' | 'dockerfile' | 'markdown' | 'shell' | 'text';

/** A value proven safe to insert raw in every format. */
export class Token {
  private constructor(readonly value: string) {}

  /** Throws on a value outside `pattern` or containing anything but `[A-Za-z0-9._/:@+=-]`: a programming error, never user input reaching a file raw. */
  static of(value: string, pattern: RegExp = TOKEN_SAFE): Token {
    if (!pattern.test(value) || !TOKEN_SAFE.test(value)) throw new Error(`not a safe template token: ${JSON.stringify(value)}`);
    return new Token(value);
  }
}

/** A value written as JSON: a Dockerfile exec-form array, a YAML flow sequence. Valid in both. */
export class Json {
  constructor(readonly value: unknown) {}
}

const TOKEN_SAFE = /^[A-Za-z0-9._/:@+=-]{1,300}$/;

export type TemplateValue = string | number | boolean | Token | Json | TemplateScope[] | null | undefined;
export interface TemplateScope {
  [name: string]: TemplateValue;
}

/** `value` as it must appear in a file of `format`. */
export function formatValue(value: TemplateValue, format: TargetFormat, name: string): string {
  if (value instanceof Token) return value.value;
  if (value instanceof Json) return JSON.stringify(value.value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`template variable ${name} is not a finite number`);
    return String(value);
  }
  if (typeof value === 'string') return escapeText(value, format);
  throw new Error(`template variable ${name} cannot be written as text (${value === null ? 'null' : typeof value})`);
}

export function escapeText(text: string, format: TargetFormat): string {
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  switch (format) {
    // a JSON string is a valid YAML double-quoted scalar: no tag, anchor, comment or document marker survives
    case 'yaml':
      return JSON.stringify(flat);
    case 'dockerfile':
      return `"${flat.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
    case 'shell':
      return `'${flat.replace(/'/g, `'\\''`)}'`;
    case 'markdown':
      // inline specials everywhere; list/heading markers only where they could start a line
      return flat.replace(/[\\`*_{}[\]()<>#|!~&]/g, (c) => `\\${c}`).replace(/^[-+=]/, '\\$&').replace(/^(\d{1,9})([.)])/, '$1\\$2');
    case 'text':
      return flat;
  }
}

/** A DNS-1123 label from any text: what Kubernetes object names and image names accept. */
export function dnsLabel(text: string, fallback = 'app'): string {
  const slug = text
    .toLowerCase()
    .replace(/^@[^/]*\//, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || fallback;
}

export const K8S_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const IMAGE_REF = /^[a-z0-9][a-z0-9._/:@-]{0,254}$/;
export const REPO_PATH = /^[A-Za-z0-9._-][A-Za-z0-9._/-]{0,254}$/;
export const CODE_OWNER = /^@[A-Za-z0-9][\w.-]{0,38}(\/[\w.-]{1,100})?$/;
