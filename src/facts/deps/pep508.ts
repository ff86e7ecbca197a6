/**
 * PEP 508 dependency specifiers as pip reads them: `name[extra,...] (specifiers | @ url) ; marker`.
 * A scanner, not a regex: names, extras, specifier clauses and the marker are cut at the grammar's
 * own delimiters, and the versions inside specifiers are only ever read by the PEP 440 parser.
 */

export interface Specifier {
  op: '===' | '==' | '!=' | '~=' | '<=' | '>=' | '<' | '>';
  version: string;
}

export interface Requirement {
  name: string;
  extras: string[];
  specifiers: Specifier[];
  url: string | null;
  marker: string | null;
}

const OPERATORS: Specifier['op'][] = ['===', '==', '!=', '~=', '<=', '>=', '<', '>'];

function isNameChar(c: string): boolean {
  return /[A-Za-z0-9._-]/.test(c);
}

export function parseRequirement(input: string): Requirement | null {
  const s = input.trim();
  let i = 0;
  while (i < s.length && isNameChar(s[i])) i++;
  const name = s.slice(0, i);
  if (!/^[A-Za-z0-9]/.test(name) || !/[A-Za-z0-9]$/.test(name)) return null;
  const skip = () => {
    while (s[i] === ' ' || s[i] === '\t') i++;
  };
  skip();
  const extras: string[] = [];
  if (s[i] === '[') {
    const close = s.indexOf(']', i);
    if (close < 0) return null;
    for (const e of s.slice(i + 1, close).split(',')) if (e.trim()) extras.push(e.trim());
    i = close + 1;
    skip();
  }
  let rest = s.slice(i);
  let marker: string | null = null;
  let url: string | null = null;
  if (rest.startsWith('@')) {
    // in a URL requirement the marker must follow whitespace: "pkg @ https://x/y.whl ; python_version<'3'"
    const body = rest.slice(1).trim();
    const semi = body.search(/\s;/);
    url = (semi >= 0 ? body.slice(0, semi) : body).trim();
    marker = semi >= 0 ? body.slice(semi + 2).trim() || null : null;
    return url ? { name, extras, specifiers: [], url, marker } : null;
  }
  const semi = rest.indexOf(';');
  if (semi >= 0) {
    marker = rest.slice(semi + 1).trim() || null;
    rest = rest.slice(0, semi);
  }
  rest = rest.trim();
  if (rest.startsWith('(') && rest.endsWith(')')) rest = rest.slice(1, -1);
  const specifiers: Specifier[] = [];
  if (rest.trim() !== '') {
    for (const clause of rest.split(',')) {
      const spec = parseSpecifier(clause);
      if (!spec) return null;
      specifiers.push(spec);
    }
  }
  return { name, extras, specifiers, url, marker };
}

export function parseSpecifier(clause: string): Specifier | null {
  const c = clause.trim();
  const op = OPERATORS.find((o) => c.startsWith(o));
  if (!op) return null;
  const version = c.slice(op.length).trim();
  if (version === '' || /\s/.test(version)) return null;
  return { op, version };
}

/** `==1.2.3` or `===1.2.3`: exactly one version, no wildcard. */
export function exactPin(specifiers: readonly Specifier[]): string | null {
  const exact = specifiers.filter((s) => (s.op === '==' || s.op === '===') && !s.version.endsWith('.*'));
  return exact.length === 1 ? exact[0].version : null;
}
