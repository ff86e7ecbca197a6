/**
 * Finds and validates the repository's mina configuration: `mina.yaml`, `.mina.yaml` or the `mina`
 * key of `package.json`, walking up from the target like ESLint and Prettier do.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Severity } from '../engine/check-api.js';
import { ConfigError } from './config-error.js';
import { schemaValidator } from './schemas.js';
import { loadValidated } from './validated-yaml.js';

export interface GateConfig {
  minScore?: number;
  failOn?: Severity | 'none';
  allowErrors?: boolean;
}

export interface MinaConfig {
  rubric?: string;
  gate?: GateConfig;
  ignore?: string[];
  disable?: string[];
  checks?: Record<string, { options?: Record<string, unknown>; severity?: Severity; weight?: number }>;
  plugins?: string[];
  limits?: { maxFileSize?: number };
  service?: Record<string, unknown>;
}

export interface LoadedConfig {
  config: MinaConfig;
  /** Absolute path of the file it came from; null when none was found. */
  file: string | null;
  /** Directory that relative paths in the config resolve against. */
  dir: string;
}

const NAMES = ['mina.yaml', '.mina.yaml', 'mina.yml', '.mina.yml'];

export function findConfig(start: string): LoadedConfig {
  let dir = path.resolve(start);
  for (;;) {
    for (const name of NAMES) {
      const file = path.join(dir, name);
      if (existsSync(file)) return loadConfigFile(file);
    }
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      const loaded = loadPackageJsonConfig(pkg);
      if (loaded) return loaded;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return { config: {}, file: null, dir: path.resolve(start) };
    dir = parent;
  }
}

export function loadConfigFile(file: string): LoadedConfig {
  const text = readText(file);
  const { value } = loadValidated<MinaConfig>(file, text, schemaValidator('mina'), path.relative(process.cwd(), file) || file);
  return { config: value, file, dir: path.dirname(file) };
}

function loadPackageJsonConfig(file: string): LoadedConfig | null {
  const text = readText(file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null; // a broken package.json is the deps checks' business, not a config error
  }
  if (!parsed || typeof parsed !== 'object' || !('mina' in parsed)) return null;
  const display = path.relative(process.cwd(), file) || file;
  const { value } = loadValidated<MinaConfig>(file, text, schemaValidator('mina'), display, 'mina');
  return { config: value, file, dir: path.dirname(file) };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError({ file, message: `cannot read: ${(err as Error).message}` });
  }
}
