/**
 * `pnpm-lock.yaml`, lockfile versions 5.x ("/name/1.0.0_peer"), 6.x ("/name@1.0.0(peer@2)") and
 * 9.x ("name@1.0.0"). Package keys are split structurally — scope, name, version, peer suffix —
 * and kept only when the version is a registry SemVer; git, tarball and directory entries are not.
 */
import { isMap, isScalar, type YAMLMap } from 'yaml';
import semver from 'semver';
import type { YamlFile } from '../../context/parsers/yaml.js';
import type { LockFile } from './model.js';

export function parsePnpmLock(path: string, yaml: YamlFile): LockFile {
  const file: LockFile = { path, kind: 'pnpm-lock', packages: [], problems: [] };
  if (yaml.error) file.problems.push({ line: yaml.error.line, message: yaml.error.message });
  const root = yaml.docs[0]?.contents;
  if (!isMap(root)) return file;
  const major = Number.parseInt(String(root.get('lockfileVersion') ?? ''), 10);
  if (!Number.isFinite(major) || major < 5) {
    file.problems.push({ line: 1, message: `unsupported pnpm lockfileVersion ${String(root.get('lockfileVersion'))}` });
    return file;
  }
  const packages = root.get('packages', true);
  if (!isMap(packages)) return file;
  for (const pair of packages.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const entry = isMap(pair.value) ? (pair.value as YAMLMap) : null;
    const parsed = major >= 6 ? splitAtKey(key) : splitSlashKey(key);
    const name = (entry?.get('name') as string | undefined) ?? parsed?.name;
    const version = (entry?.get('version') as string | undefined) ?? parsed?.version;
    if (!name || !version || !semver.valid(version) || !fromRegistry(entry)) continue;
    file.packages.push({
      ecosystem: 'npm',
      name,
      version,
      line: yaml.lineAt(pair.key.range?.[0] ?? 0),
      dev: entry?.get('dev') === true,
    });
  }
  return file;
}

function fromRegistry(entry: YAMLMap | null): boolean {
  const resolution = entry?.get('resolution');
  if (!isMap(resolution)) return true;
  // git and directory resolutions carry a `type`; tarballs a `tarball` URL with no registry version
  return resolution.get('type') === undefined && (resolution.get('tarball') === undefined || resolution.get('integrity') !== undefined);
}

/** v6/v9: "/@scope/name@1.0.0(peer@1.0.0)" or "@scope/name@1.0.0". */
function splitAtKey(key: string): { name: string; version: string } | null {
  let k = key.startsWith('/') ? key.slice(1) : key;
  const paren = k.indexOf('(');
  if (paren >= 0) k = k.slice(0, paren);
  const at = k.indexOf('@', 1);
  if (at <= 0) return null;
  return { name: k.slice(0, at), version: k.slice(at + 1) };
}

/** v5: "/@scope/name/1.0.0_peer@1.0.0" — the version is the last path segment before any "_". */
function splitSlashKey(key: string): { name: string; version: string } | null {
  if (!key.startsWith('/')) return null;
  const parts = key.slice(1).split('/');
  const scoped = parts[0].startsWith('@');
  if (parts.length !== (scoped ? 3 : 2)) return null;
  const versionPart = parts[parts.length - 1];
  const underscore = versionPart.indexOf('_');
  return { name: parts.slice(0, -1).join('/'), version: underscore >= 0 ? versionPart.slice(0, underscore) : versionPart };
}
