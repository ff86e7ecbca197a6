import { describe, expect, it } from 'vitest';
import { indexFromSources } from '../../src/facts/code/index.js';
import { secretEnvReads } from './sources.js';

describe('secret env reads', () => {
  it('finds each way Python and JS read a secret from the environment, and only those', () => {
    const index = indexFromSources({
      'app/settings.py': 'import os\nfrom os import getenv, environ\nA = os.environ["DB_PASSWORD"]\nB = os.getenv("API_TOKEN")\nC = environ.get("STRIPE_SECRET_KEY")\nD = getenv("LOG_LEVEL")\n',
      'web/server.ts': "const a = process.env.JWT_SECRET;\nconst b = process.env['SESSION_SECRET'];\nconst c = process.env.PORT;\nconst d = cache.get('API_KEY');\n",
      'web/plain.js': "export const noise = { password: 'x' };\n",
    });
    expect(secretEnvReads(index).sort()).toEqual(['API_TOKEN', 'DB_PASSWORD', 'JWT_SECRET', 'SESSION_SECRET', 'STRIPE_SECRET_KEY']);
  });
});
