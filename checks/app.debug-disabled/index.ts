/**
 * app.debug-disabled: no code path production runs has debug on. Reads debug switches from the
 * syntax tree (calls, keyword arguments, assignments, config classes, Django settings) and from the
 * deployment's environment, and knows which code production actually runs (its entry commands).
 */
import { defineCheck } from '../../src/engine/check-api.js';
import { codeIndexFact, findCallsEverywhere } from '../../src/facts/code/index.js';
import { djangoSettingsFact } from '../../src/facts/django-settings.js';
import { deployEnvFact } from '../../src/facts/deploy-env.js';
import { servingFact } from '../../src/facts/serving.js';
import { pythonDebug } from './python-debug.js';
import { envDebugFindings } from './env-debug.js';

const NODE_SERVERS = ['express', 'fastify', 'koa', '@nestjs/core', 'http', 'https', '@hapi/hapi', 'hono'];

export default defineCheck({
  meta: {
    id: 'app.debug-disabled',
    title: 'Debug mode is off in production',
    category: 'security',
    severity: 'high',
    description: 'No production code path runs with debug on: no debug=True outside dev-only scripts, no DEBUG = True in production settings, no FLASK_DEBUG in deployment env.',
  },
  async applies({ repo }) {
    const index = await repo.fact(codeIndexFact);
    return index.files.length > 0 || { applies: false, reason: 'no Python/JavaScript/TypeScript sources' };
  },
  async run({ repo }) {
    const [index, django, env, serving] = await Promise.all([repo.fact(codeIndexFact), repo.fact(djangoSettingsFact), repo.fact(deployEnvFact), repo.fact(servingFact)]);
    const code = pythonDebug(index, django, serving.commands);
    const loadsDotenv = findCallsEverywhere(index, [['dotenv', 'load_dotenv']], 'python').length > 0;
    const nodeServer = NODE_SERVERS.some((m) => index.importing(m).some((f) => f.lang !== 'python'));
    const findings = [...code.findings, ...envDebugFindings({ settings: env.settings, commands: serving.commands, codeNames: code.envNames, loadsDotenv, nodeServer })];
    // An off-by-default switch that is merely on when unset, or NODE_ENV, is half the problem.
    const score = findings.length === 0 ? 1 : findings.every((f) => f.severity === 'medium') ? 0.5 : 0;
    return { score, findings };
  },
});
