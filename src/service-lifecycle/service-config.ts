/**
 * The `service:` section of mina.yaml: how to start, probe, back up, restore and verify a user's own
 * service. Validated here (mina.schema.json only says it is an object) so errors name the key.
 */
import { ajv } from '../config/schemas.js';
import { ConfigError } from '../config/config-error.js';

export interface CustomServiceConfig {
  start: string;
  url: string;
  cwd?: string;
  env?: Record<string, string>;
  ready?: string;
  readyTimeoutMs?: number;
  stopTimeoutMs?: number;
  operationTimeoutMs?: number;
  backup?: string;
  restore?: string;
  wipe?: string;
  seed?: string;
  verify?: { command?: string; query?: string; databaseUrl?: string };
  smoke?: string[];
  load?: { paths?: string[]; headers?: Record<string, string> };
}

const command = { type: 'string', minLength: 1 };
const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['start', 'url'],
  properties: {
    start: command,
    url: { type: 'string', pattern: '^https?://' },
    cwd: { type: 'string' },
    env: { type: 'object', additionalProperties: { type: 'string' } },
    ready: { type: 'string', minLength: 1 },
    readyTimeoutMs: { type: 'integer', minimum: 100, maximum: 3_600_000 },
    stopTimeoutMs: { type: 'integer', minimum: 100, maximum: 600_000 },
    operationTimeoutMs: { type: 'integer', minimum: 1000, maximum: 86_400_000 },
    backup: command,
    restore: command,
    wipe: command,
    seed: command,
    verify: {
      type: 'object',
      additionalProperties: false,
      properties: { command, query: command, databaseUrl: { type: 'string' } },
    },
    smoke: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 100 },
    load: {
      type: 'object',
      additionalProperties: false,
      properties: {
        paths: { type: 'array', items: { type: 'string', pattern: '^/' }, minItems: 1, maxItems: 100 },
        headers: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  },
};
const validate = ajv.compile<CustomServiceConfig>(schema);

export function parseServiceConfig(value: unknown, file: string | null): CustomServiceConfig {
  if (validate(value)) return value;
  const first = validate.errors?.[0];
  const where = `service${first?.instancePath.replace(/\//g, '.') ?? ''}`;
  throw new ConfigError({ file: file ?? 'mina.yaml', message: `${where}: ${first?.message ?? 'invalid'}` });
}
