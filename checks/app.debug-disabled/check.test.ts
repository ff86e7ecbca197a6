import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'flask-main-guard-gunicorn', name: 'debug=True under the main guard while production runs gunicorn' },
    { fixture: 'flask-main-function', name: 'debug=True in main(), called only under the main guard' },
    { fixture: 'flask-env-switch', name: 'debug from env, off by default' },
    { fixture: 'flask-config-class-ok', name: 'base Config debug on, ProductionConfig turns it off' },
    { fixture: 'django-prod-ok', name: 'production settings override DEBUG; local settings may keep it' },
    { fixture: 'flaskenv-gunicorn', name: '.flaskenv FLASK_DEBUG only affects flask run, production runs gunicorn' },
    { fixture: 'tests-only', name: 'debug in tests is not production code' },
  ],
  invalid: [
    { fixture: 'flask-run-unguarded', score: 0, findings: [{ id: 'debug-enabled', file: 'app.py', line: 11 }] },
    { fixture: 'flask-main-guard-entrypoint', name: 'the Dockerfile runs python app.py, so the main guard runs', findings: [{ id: 'debug-enabled', file: 'app.py', line: 12 }] },
    { fixture: 'flask-main-function-entry', name: 'the Procfile runs run.py, whose main() turns debug on', findings: [{ id: 'debug-enabled', file: 'run.py', line: 7 }] },
    { fixture: 'flask-debug-default-on', score: 0.5, status: 'partial', findings: [{ id: 'debug-default-on', file: 'app.py', line: 6, severity: 'medium' }] },
    { fixture: 'flask-config-class', findings: [{ id: 'debug-enabled', file: 'config.py', line: 11 }] },
    {
      fixture: 'flask-config-update',
      findings: [
        { id: 'debug-enabled', file: 'app/__init__.py', line: 6 },
        { id: 'debug-enabled', file: 'app/__init__.py', line: 7 },
      ],
    },
    { fixture: 'socketio-run', findings: [{ id: 'debug-enabled', file: 'server.py', line: 11 }] },
    { fixture: 'fastapi-debug', findings: [{ id: 'debug-enabled', file: 'main.py', line: 3 }] },
    { fixture: 'werkzeug-debugger', findings: [{ id: 'debug-enabled', file: 'wsgi.py', line: 5 }] },
    { fixture: 'django-prod-debug', name: 'DEBUG = True in base settings inherited by production', findings: [{ id: 'debug-enabled', file: 'mysite/settings/base.py', line: 3 }] },
    { fixture: 'django-env-k8s', name: 'the variable Django reads into DEBUG is true in the Deployment', findings: [{ id: 'debug-env', file: 'k8s/deployment.yaml', line: 17 }] },
    { fixture: 'compose-flask-debug', name: 'FLASK_DEBUG in compose; the override file is development', findings: [{ id: 'debug-env', file: 'docker-compose.yml', line: 6 }] },
    { fixture: 'dockerfile-flask-env', findings: [{ id: 'debug-env', file: 'Dockerfile', line: 3 }] },
    { fixture: 'flaskenv-flask-run', name: '.flaskenv counts when production runs flask run', findings: [{ id: 'debug-env', file: '.flaskenv', line: 2 }] },
    { fixture: 'node-env-development', score: 0.5, findings: [{ id: 'node-env-development', file: 'Dockerfile', line: 2, severity: 'medium' }] },
  ],
  notApplicable: [{ fixture: 'no-code' }],
});
