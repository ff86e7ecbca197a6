/**
 * cors.wildcard: the browser's same-origin protection is only relaxed for named origins. Reads
 * every CORS and Socket.IO configuration it can find in Python, Node and nginx from the syntax
 * tree; origins from env or config count as an allow-list. With `--url`, asks the running service.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { codeIndexFact, isWebService } from '../../src/facts/code/index.js';
import { djangoSettingsFact } from '../../src/facts/django-settings.js';
import { nginxFilesFact } from '../../src/facts/nginx.js';
import { DEFAULT_TIMEOUT_MS } from '../../src/live/http-probe.js';
import { pythonCorsFindings } from './python-cors.js';
import { nodeCorsFindings } from './node-cors.js';
import { nginxCorsFindings } from './nginx-cors.js';
import { liveCorsFindings } from './live.js';

interface Options {
  liveTimeoutMs: number;
}

export default defineCheck<Options>({
  meta: {
    id: 'cors.wildcard',
    title: 'CORS and Socket.IO origins are an allow-list',
    category: 'security',
    severity: 'critical',
    description: 'CORS and Socket.IO origins are an explicit allow-list (or read from config/env); no wildcard, no reflected origin.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { liveTimeoutMs: { type: 'integer', minimum: 100, maximum: 60000, default: DEFAULT_TIMEOUT_MS } },
    },
  },
  async applies({ repo, url }) {
    if (url) return true;
    const [index, nginx, django] = await Promise.all([repo.fact(codeIndexFact), repo.fact(nginxFilesFact), repo.fact(djangoSettingsFact)]);
    return isWebService(index) || django.modules.length > 0 || nginx.length > 0 || { applies: false, reason: 'no web service (no web framework in the code) and no nginx configuration' };
  },
  async run({ repo, url, signal, options }) {
    const [index, django, nginx] = await Promise.all([repo.fact(codeIndexFact), repo.fact(djangoSettingsFact), repo.fact(nginxFilesFact)]);
    const findings: Finding[] = [...pythonCorsFindings(index, django), ...nodeCorsFindings(index), ...nginxCorsFindings(nginx)];
    const notes: string[] = [];
    if (url) {
      const live = await liveCorsFindings(url, signal, options.liveTimeoutMs);
      findings.push(...live.findings);
      notes.push(live.note);
    }
    // A wildcard only as an unset-env fallback is half a problem; anything else allows every origin now.
    const score = findings.length === 0 ? 1 : findings.every((f) => f.id === 'wildcard-fallback') ? 0.5 : 0;
    return { score, findings, notes };
  },
});
