/**
 * Builds the hostile trees at test time in os.tmpdir(): nothing big or odd is ever committed, and
 * each tree is removed by the caller. Every builder returns the paths it expects mina to skip, so a
 * test can assert that each skipped input is named in the report.
 */
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync, openSync, closeSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempTree(label: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `mina-hostile-${label}-`));
  // readable by the unprivileged user the permission case runs as
  chmodSync(dir, 0o755);
  return dir;
}

export function put(root: string, rel: string, content: string | Uint8Array): void {
  const abs = path.join(root, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
}

/** Symlink loops, a link to the root itself, and links to a file and a folder outside the root. */
export function symlinks(root: string, outside: string): void {
  put(outside, 'secret.txt', 'outside the root\n');
  symlinkSync('loop-b', path.join(root, 'loop-a'));
  symlinkSync('loop-a', path.join(root, 'loop-b'));
  symlinkSync('.', path.join(root, 'self'));
  symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'outside-file.yaml'));
  symlinkSync(outside, path.join(root, 'outside-dir'));
  symlinkSync('does-not-exist', path.join(root, 'dangling.json'));
}

/** A 2 GB file that occupies no disk: only its size is hostile. */
export function sparse(root: string, rel: string, bytes: number): void {
  const abs = path.join(root, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  closeSync(openSync(abs, 'w'));
  truncateSync(abs, bytes);
}

/** Bytes with NUL early on, under names every check reads as text. */
export function binaryAsText(root: string): string[] {
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) % 256;
  const names = ['app.py', 'src/server.js', 'Dockerfile', 'docker-compose.yml', 'requirements.txt', 'package-lock.json', '.github/workflows/bin.yml'];
  for (const n of names) put(root, `binary/${n}`, bytes);
  return names.map((n) => `binary/${n}`);
}

export function badEncodings(root: string): string[] {
  // Latin-1 bytes are invalid UTF-8: decoded with replacement characters, never skipped
  put(root, 'enc/latin1.py', Buffer.from([0x23, 0x20, 0xe9, 0xe8, 0x0a, 0x78, 0x3d, 0x22, 0xff, 0xfe, 0x22, 0x0a]));
  // UTF-16LE with a lone high surrogate, and one with an odd byte count
  put(root, 'enc/bad16.yaml', Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x00, 0xd8, 0x3a, 0x00]));
  put(root, 'enc/odd16.py', Buffer.from([0xfe, 0xff, 0x00, 0x61, 0x00]));
  put(root, 'enc/good16.py', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x = 1\n', 'utf16le')]));
  return ['enc/bad16.yaml', 'enc/odd16.py'];
}

export const ODD_NAMES = ['names/new\nline.py', 'names/quo"te\'s.js', 'names/ünïcödé-文件.ts', 'names/tab\there.yaml', 'names/-rf.sh', 'names/$(touch x).py'];

export function oddNames(root: string): void {
  for (const n of ODD_NAMES) put(root, n, 'x = 1\n');
  // a name that is not valid UTF-8 at all
  mkdirSync(path.join(root, 'names'), { recursive: true });
  writeFileSync(Buffer.concat([Buffer.from(path.join(root, 'names') + '/'), Buffer.from([0x66, 0xff, 0xfe, 0x2e, 0x70, 0x79])]), 'y = 2\n');
}

const BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (const [i, c] of 'bcdefghi'.split('').entries()) {
  const prev = 'abcdefghi'[i];
  BOMB.push(`${c}: &${c} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
}
export const YAML_BOMB = BOMB.join('\n') + '\n';

export function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** Billion laughs and deep nesting in every YAML/JSON file a check parses. */
export function bombs(root: string): void {
  put(root, 'docker-compose.yml', 'services:\n  web:\n    image: x\n' + YAML_BOMB);
  put(root, '.github/workflows/bomb.yml', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: []\n' + YAML_BOMB);
  put(root, 'k8s/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\n' + YAML_BOMB);
  put(root, 'pnpm-lock.yaml', "lockfileVersion: '9.0'\n" + YAML_BOMB);
  put(root, 'openapi.yaml', YAML_BOMB);
  const deep = nested(200_000);
  put(root, 'package.json', `{"name":"deep","dependencies":{"a":"1.0.0"},"x":${deep}}`);
  put(root, 'package-lock.json', `{"lockfileVersion":3,"packages":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`);
  put(root, 'tsconfig.json', deep);
  put(root, 'composer.json', deep);
  put(root, 'renovate.json', '{'.repeat(500_000));
}

/** Files of the right name with content their parser cannot accept. */
export function malformed(root: string): void {
  put(root, 'svc/Dockerfile', 'FROM\nRUN ["unterminated\nCOPY --from= \\\n\\\nUSER\nHEALTHCHECK CMD\nENV =\nARG ${\nFROM scratch AS\n');
  put(root, 'svc/Dockerfile.prod', '\\\n'.repeat(5000) + 'FROM ' + 'a'.repeat(100_000) + '\n');
  put(root, '.github/workflows/broken.yml', 'on: [push\njobs:\n  x: {runs-on: , steps: [ {uses: actions/checkout@} ]\n  : : :\n\t- bad\n');
  put(root, '.github/workflows/types.yml', 'on: 5\njobs: [1, 2]\n');
  put(root, '.github/workflows/empty.yml', '');
  put(root, 'yarn.lock', '"@scope/pkg@^1", pkg@:\n  version\n   resolved "\n{garbage\n');
  put(root, 'poetry.lock', '[[package]\nname = "x\nversion = 1.0\n');
  put(root, 'Pipfile.lock', '{"default": {"x": {"version": 5}}, "develop": []');
  put(root, 'requirements.txt', 'django==\n==1.0\nflask>=1.0,<\n-r requirements.txt\n-e git+\nfoo @ \n' + 'x'.repeat(50_000) + '==1\n');
  put(root, 'go.sum', 'not a go sum line\n\n\n');
  put(root, 'Cargo.lock', '[[package]]\nname = \n');
  put(root, 'migrations/0001_init.sql', "CREATE TABLE (;\nALTER TABLE x ADD COLUMN;\nSELECT 'unterminated\n$$ body\nCREATE INDEX ON;\n");
  put(root, 'migrations/0002_deep.sql', 'SELECT ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000) + ';\n');
  put(root, 'db/schema.prisma', 'model User {\n  id Int @id @default(\n  email String @unique(\n');
  put(root, 'main.tf', 'resource "aws_db_instance" "x" {\n  backup_retention_period = \n  {{{{\n');
  put(root, 'helm/templates/deploy.yaml', '{{- if .Values.x }}\napiVersion: {{ .Values.api\nkind: Deployment\n{{ end\n');
  put(root, 'mina-app.py', 'def f(:\n  return )\nclass\n');
  put(root, 'server.ts', 'import { from "x"\nexport default function (\n app.get("/health", (req, res) => {\n');
}

/** Long lines built to blow up backtracking patterns, in every kind of file a rule reads. */
export function regexHostile(root: string, length: number): void {
  const runs = [
    'a'.repeat(length),
    ' '.repeat(length) + 'x',
    '='.repeat(length),
    'a='.repeat(length / 2),
    '"'.repeat(length),
    "'a".repeat(length / 2),
    '${{ '.repeat(length / 4),
    '-----BEGIN '.repeat(length / 11),
    'password'.repeat(length / 8),
    'key: '.repeat(length / 5),
    '/'.repeat(length),
    '\\'.repeat(length),
    'A1b2'.repeat(length / 4),
    '.'.repeat(length) + '!',
    '('.repeat(length / 2),
    'http://'.repeat(length / 7),
  ];
  const body = runs.join('\n') + '\n';
  const files = ['long/app.py', 'long/app.js', 'long/app.ts', 'long/config.yaml', 'long/Dockerfile', 'long/.env', 'long/schema.sql', 'long/main.tf', 'long/nginx.conf', 'long/settings.py', 'long/README.md', '.github/workflows/long.yml', 'long/requirements.txt', 'long/Procfile', 'long/gunicorn.conf.py', 'long/values.yaml'];
  for (const f of files) put(root, f, body);
}

/** One line of minified JavaScript, `bytes` long. */
export function minified(root: string, rel: string, bytes: number): void {
  const chunk = 'var a=function(b){return b&&b.c?fetch("/api/"+b.c,{method:"POST"}):null};app.get("/x",a);';
  put(root, rel, chunk.repeat(Math.ceil(bytes / chunk.length)).slice(0, bytes));
}

export function tinyFiles(root: string, count: number): void {
  const perDir = 1000;
  for (let d = 0; d < count / perDir; d++) {
    const dir = path.join(root, 'many', `d${d}`);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < perDir; i++) writeFileSync(path.join(dir, `f${i}.py`), 'x=1\n');
  }
}
