/** The vendored OASIS SARIF 2.1.0 schema, compiled once: every SARIF document the tests produce is checked against it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';

const schema = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
export const validateSarif = ajv.compile(schema);

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
}
export interface SarifLog {
  runs: { tool: { driver: { rules: { id: string; help?: { markdown: string }; defaultConfiguration: { level: string } }[] } }; results: SarifResult[]; properties: { score: number }; invocations: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[] }[];
}

/** Every SARIF document this suite produces goes through here: valid against the OASIS schema. */
export function parseValidSarif(text: string): SarifLog {
  const log: unknown = JSON.parse(text);
  const ok = validateSarif(log);
  expect(ok, ajv.errorsText(validateSarif.errors, { separator: '\n' })).toBe(true);
  return log as SarifLog;
}
