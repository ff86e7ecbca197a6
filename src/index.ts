/** Public API for plugin authors and programmatic use. */
export { defineCheck, SEVERITIES } from './engine/check-api.js';
export type { Check, CheckMeta, CheckOutcome, Finding, RunContext, Severity, Status, Applicability } from './engine/check-api.js';
export { defineFact, RepoContext } from './context/repo-context.js';
export type { Fact } from './context/repo-context.js';
export { defineParser } from './context/parsers/parser.js';
export { yamlParser, yamlValues } from './context/parsers/yaml.js';
export { jsonParser } from './context/parsers/json.js';
export { markdownParser } from './context/parsers/markdown.js';
export { runCheck } from './commands/check.js';
export type { Report } from './report/report-model.js';
