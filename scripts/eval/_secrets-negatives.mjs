// Hard negatives of the secrets corpus: lines that look like secrets to a regex but are not
// credentials. A scored finding on any of them, or on any unlabelled line, counts against precision.
import { AWS_EXAMPLE_ID, AWS_EXAMPLE_SECRET } from './_secrets-values.mjs';

function file(p, head, body, labelled, tail = []) {
  return { path: p, text: [...head, ...body, ...tail].join('\n') + '\n', lines: labelled.map((i) => head.length + i) };
}

const PY = ['import os', ''];

export const NEGATIVES = [
  ['placeholder-changeme', (v, d) => file(`${d}/app/settings.py`, PY, ['PASSWORD = "changeme"', 'SECRET_KEY = "change-me-in-production"'], [1, 2])],
  ['placeholder-angle', (v, d) => file(`${d}/config/app.yaml`, ['service: api'], ['api_key: <your-api-key>', 'token: "<YOUR_TOKEN_HERE>"'], [1, 2])],
  ['placeholder-xxxx', (v, d) => file(`${d}/docs/setup.env`, [], ['STRIPE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'], [1, 2])],
  ['placeholder-env-var', (v, d) => file(`${d}/config/db.yaml`, ['database:'], ['  password: ${DB_PASSWORD}', '  url: postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:5432/app'], [1, 2])],
  ['placeholder-helm', (v, d) => file(`${d}/chart/templates/deployment.yaml`, ['env:', '  - name: API_TOKEN'], ['    value: {{ .Values.apiToken | quote }}', '  - name: PASSWORD', '    value: "{{ .Values.db.password }}"'], [1, 3])],
  ['placeholder-format', (v, d) => file(`${d}/alembic.ini`, ['[alembic]'], ['sqlalchemy.url = postgresql://app:%(DB_PASSWORD)s@db/app', 'password = %(db_password)s'], [1, 2])],
  ['env-read-py', (v, d) => file(`${d}/app/config.py`, PY, ['SECRET_KEY = os.environ["SECRET_KEY"]', 'API_TOKEN = os.getenv("API_TOKEN", "")', 'DB_PASSWORD = os.environ.get("DB_PASSWORD")'], [1, 2, 3])],
  ['env-read-js', (v, d) => file(`${d}/src/config.js`, [], ['const token = process.env.GITHUB_TOKEN;', 'export const apiKey = process.env["API_KEY"] ?? "";', 'const password = config.get("db.password");'], [1, 2, 3])],
  ['config-read', (v, d) => file(`${d}/app/db.py`, PY, ['password = config.get("db", "password")', 'secret = settings.SECRET_KEY', 'token = vault.read("secret/api")["token"]'], [1, 2, 3])],
  ['aws-example', (v, d) => file(`${d}/docs/aws.py`, PY, [`AWS_ACCESS_KEY_ID = "${AWS_EXAMPLE_ID}"`, `AWS_SECRET_ACCESS_KEY = "${AWS_EXAMPLE_SECRET}"`], [1, 2])],
  ['hash-sha256', (v, d) => file(`${d}/release/checksums.yaml`, ['artifacts:'], [`  sha256: ${v.hex(64)}`, `  checksum: ${v.hex(40)}`, `  md5: ${v.hex(32)}`], [1, 2, 3])],
  ['hash-keys', (v, d) => file(`${d}/app/models.py`, PY, [`password_hash = "$2b$12$${v.b64(53).replace(/\+/g, '.')}"`, `token_digest = "${v.hex(64)}"`, `secret_fingerprint = "${v.hex(40)}"`], [1, 2, 3])],
  ['git-sha', (v, d) => file(`${d}/CHANGELOG.md`, ['# Changelog'], [`- fix token refresh (commit ${v.hex(40)})`, `- rotate secrets job, see ${v.hex(12)}`], [1, 2])],
  ['uuid', (v, d) => file(`${d}/infra/azure.tfvars`, [], [`tenant_id = "${v.uuid()}"`, `client_id = "${v.uuid()}"`, `subscription_id = "${v.uuid()}"`], [1, 2, 3])],
  ['uuid-secretish', (v, d) => file(`${d}/app/ids.py`, PY, [`request_token = "${v.uuid()}"`, `session_secret_id = "${v.uuid()}"`], [1, 2])],
  ['integrity-lock', (v, d) => file(`${d}/package-lock.json`, ['{', '  "packages": {', '    "node_modules/auth-lib": {'], [`      "integrity": "sha512-${v.b64(86)}=="`, `      "resolved": "https://registry.npmjs.org/auth-lib/-/auth-lib-1.0.0.tgz"`], [1, 2], ['    }', '  }', '}'])],
  ['integrity-yarn', (v, d) => file(`${d}/yarn.lock`, ['"token-store@^2.0.0":', '  version "2.0.1"'], [`  integrity sha512-${v.b64(86)}==`], [1])],
  ['go-sum', (v, d) => file(`${d}/go.sum`, [], [`github.com/golang-jwt/jwt/v5 v5.2.0 h1:${v.b64(43)}=`, `github.com/golang-jwt/jwt/v5 v5.2.0/go.mod h1:${v.b64(43)}=`], [1, 2])],
  ['minified', (v, d) => file(`${d}/public/app.min.js`, [], [`!function(e){var t={token:e.token,password:e.password||"",secret:null,apiKey:"${v.alnum(32)}"};e.auth=function(n){return t.token=n.access_token,t}}(window);var k="${v.alnum(64)}";`], [1])],
  ['public-key', (v, d) => file(`${d}/keys/jwt.pub`, [], ['-----BEGIN PUBLIC KEY-----', ...v.pem(6), '-----END PUBLIC KEY-----'], [1])],
  ['certificate', (v, d) => file(`${d}/certs/ca.crt`, [], ['-----BEGIN CERTIFICATE-----', ...v.pem(12), '-----END CERTIFICATE-----'], [1])],
  ['ssh-public', (v, d) => file(`${d}/ops/authorized_keys`, [], [`ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${v.b64(43)} deploy@ci`], [1])],
  ['example-env', (v, d) => file(`${d}/.env.example`, [], ['SECRET_KEY=your-secret-key-here', 'API_TOKEN=', 'DB_PASSWORD=change-me', 'STRIPE_SECRET_KEY=sk_live_...'], [1, 3, 4])],
  ['example-yaml', (v, d) => file(`${d}/config.sample.yaml`, ['db:'], ['  password: some-long-password-here', '  token: PasteYourTokenHere'], [1, 2])],
  ['test-fixture-password', (v, d) => file(`${d}/tests/test_auth.py`, PY, [`password = "${v.password()}"`, `client.login(username="u", password="${v.password()}")`], [1, 2])],
  ['test-fixture-conn', (v, d) => file(`${d}/tests/conftest.py`, PY, [`DB_URL = "postgres://ci:${v.alnum(12)}@localhost:5432/test"`], [1])],
  ['test-fixture-js', (v, d) => file(`${d}/src/__tests__/api.test.ts`, [], [`const apiKey = "${v.alnum(32)}";`, `const secret = '${v.alnum(40)}';`], [1, 2])],
  ['stripe-test', (v, d) => file(`${d}/src/payments.js`, [], [`const stripe = require("stripe")("${v.stripeTest()}");`], [1])],
  ['field-names', (v, d) => file(`${d}/app/forms.py`, PY, ['PASSWORD_MIN_LENGTH = 12', 'password_field = "password"', 'token_type = "Bearer"', 'TOKEN_URL = "https://oauth2.googleapis.com/token"'], [1, 2, 3, 4])],
  ['i18n', (v, d) => file(`${d}/locales/en.json`, ['{'], ['  "password": "Password",', '  "forgot_password": "Forgot your password?",', '  "api_key_label": "Your API key",', '  "token_expired": "Your session token has expired"'], [1, 2, 3, 4], ['}'])],
  ['null-values', (v, d) => file(`${d}/app/defaults.py`, PY, ['password = None', 'token = ""', 'api_key: str | None = None', 'secret = getpass.getpass("Secret: ")'], [1, 2, 3, 4])],
  ['conn-placeholders', (v, d) => file(`${d}/docker-compose.yml`, ['services:', '  api:', '    environment:'], ['      DATABASE_URL: postgres://postgres:postgres@db:5432/dev', '      REDIS_URL: redis://redis:6379/0', '      AMQP_URL: amqp://guest:guest@rabbit:5672', '      DOCS_URL: postgres://user:password@localhost/db'], [1, 2, 3, 4])],
  ['pem-docs', (v, d) => file(`${d}/docs/tls.md`, ['# TLS'], ['Paste the key, it starts with `-----BEGIN RSA PRIVATE KEY-----`:', '', '```', '-----BEGIN RSA PRIVATE KEY-----', 'MIIEpAIBAAKCAQEA...', '-----END RSA PRIVATE KEY-----', '```'], [1, 4])],
  ['secret-key-ref', (v, d) => file(`${d}/k8s/deployment.yaml`, ['env:', '  - name: DB_PASSWORD'], ['    valueFrom:', '      secretKeyRef:', '        name: db', '        key: password'], [1, 2, 4])],
  ['k8s-placeholder', (v, d) => file(`${d}/k8s/secret-template.yaml`, ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: api', 'stringData:'], ['  API_TOKEN: changeme', 'data:', `  password: ${Buffer.from('password').toString('base64')}`], [1, 3])],
  ['gha-secrets', (v, d) => file(`${d}/.github/workflows/ci.yml`, ['jobs:', '  test:', '    steps:', '      - run: npm publish', '        env:'], ['          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}', '          GITHUB_TOKEN: ${{ github.token }}'], [1, 2])],
  ['terraform-var', (v, d) => file(`${d}/infra/rds.tf`, ['resource "aws_db_instance" "db" {'], ['  password = var.db_password', '  master_password = random_password.db.result'], [1, 2], ['}'])],
  ['slack-placeholder', (v, d) => file(`${d}/docs/slack.md`, [], ['Webhook: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'], [1])],
  ['key-names', (v, d) => file(`${d}/app/constants.py`, PY, ['api_key_header = "X-API-Key"', 'secret_name = "prod/db/password"', 'KEY_PREFIX = "myapp:session:"', 'AUTH_COOKIE_NAME = "sessionid"'], [1, 2, 3, 4])],
  ['generated-secret', (v, d) => file(`${d}/app/keys.py`, PY, ['SECRET_KEY = get_random_secret_key()', 'token = secrets.token_urlsafe(32)', 'password = generate_password(length=24)'], [1, 2, 3])],
  ['data-uri', (v, d) => file(`${d}/web/auth.css`, [], [`.auth-logo { background: url(data:image/png;base64,${v.b64(120)}); }`], [1])],
  ['dotted-config', (v, d) => file(`${d}/config/app.yaml`, ['auth:'], ['  token_header: Authorization', '  secret_store: aws.secretsmanager', '  password_policy: strong'], [1, 2, 3])],
  ['doc-token-shapes', (v, d) => file(`${d}/docs/auth.md`, ['```js'], [`const auth = createTokenAuth("${'gh' + 'p_'}PersonalAccessToken${'0'.repeat(17)}");`, `const octokit = new Octokit({ auth: "mypersonalaccesstoken123" });`, `stripe.key = "${'sk' + '_live_'}${'0'.repeat(24)}"`], [1, 2, 3], ['```'])],
  ['jsdoc-types', (v, d) => file(`${d}/src/types.ts`, [], ['export interface Creds { password: string; token?: string }', 'type Token = { accessToken: string; refreshToken: string };', "const password: string = '';"], [1, 2, 3])],
];
