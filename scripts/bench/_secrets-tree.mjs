// A large mixed-language tree for the secrets benchmark, shaped like a Django + React service:
// Python views/models/settings, TS/TSX components, Express routes, Go, YAML manifests, JSON
// (locales, lockfiles), Markdown, CSS, SQL, one minified bundle, and a few planted fake secrets.
// Deterministic from a seed; generated once under the OS temp dir and reused.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeValues, rng } from '../eval/_secrets-values.mjs';

// Identifiers are secret-free words: the secret keywords come only from the templates that use
// them (headers, forms, settings), about one line in fifteen, as in a real web service.
const NOUNS = ['user', 'order', 'invoice', 'session', 'account', 'product', 'cart', 'payment', 'report', 'profile', 'team', 'project', 'ticket', 'message', 'event', 'widget', 'price', 'address', 'channel', 'comment'];
const VERBS = ['get', 'create', 'update', 'delete', 'list', 'fetch', 'render', 'validate', 'handle', 'sync', 'refresh', 'reset', 'verify'];

function maker(v) {
  const w = () => v.pick(NOUNS);
  const fn = () => `${v.pick(VERBS)}_${w()}`;
  const camel = () => v.pick(VERBS) + w()[0].toUpperCase() + w().slice(1);
  const lines = {
    py: [
      () => `def ${fn()}(request, ${w()}_id):`,
      () => `    ${w()} = ${w()[0].toUpperCase()}${w().slice(1)}.objects.filter(${w()}_id=${w()}_id).first()`,
      () => `    token = request.headers.get("Authorization", "").removeprefix("Bearer ")`,
      () => `    password = form.cleaned_data["password"]`,
      () => `    if not ${w()}.is_active:`,
      () => `        raise PermissionDenied("${w()} is not active")`,
      () => `    return JsonResponse({"${w()}": ${w()}.id, "status": "ok"})`,
      () => `    api_key = models.CharField(max_length=64, unique=True)`,
      () => `SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]`,
      () => `    logger.info("refreshed %s for %s", "${w()}", request.user.pk)`,
      () => `    # ${w()} ${w()} ${w()}: see docs/${w()}.md`,
      () => `    cache_key = f"${w()}:{${w()}.pk}:v${v.digits(1)}"`,
      () => '',
    ],
    ts: [
      () => `export function ${camel()}(${w()}: ${w()[0].toUpperCase()}${w().slice(1)}Props) {`,
      () => `  const [token, setToken] = useState<string | null>(null);`,
      () => `  const res = await fetch(\`/api/${w()}/\${id}\`, { headers: { Authorization: \`Bearer \${token}\` } });`,
      () => `  useEffect(() => { ${camel()}(); }, [${w()}]);`,
      () => `  return <div className="${w()}-panel">{${w()}.name}</div>;`,
      () => `import { ${camel()} } from '../${w()}/${w()}';`,
      () => `  if (!password || password.length < MIN_PASSWORD_LENGTH) return setError('${w()}');`,
      () => `}`,
      () => `// ${w()} ${w()} ${w()} ${w()}`,
      () => `  const ${camel()} = useCallback(async () => { await api.post('/${w()}', { ${w()} }); }, []);`,
    ],
    go: [
      () => `func ${camel()}(ctx context.Context, id string) (*${w()}, error) {`,
      () => `\ttoken := r.Header.Get("Authorization")`,
      () => `\tif err != nil { return nil, fmt.Errorf("${w()}: %w", err) }`,
      () => `\tpassword := os.Getenv("DB_PASSWORD")`,
      () => `}`,
    ],
    yaml: [
      () => `  - name: ${w().toUpperCase()}_URL`,
      () => `    valueFrom: { secretKeyRef: { name: ${w()}, key: ${w()} } }`,
      () => `  ${w()}: ${v.digits(3)}`,
      () => `    image: registry.example.com/${w()}:${v.digits(1)}.${v.digits(1)}.${v.digits(1)}`,
      () => `      url: https://${w()}.internal/${w()}`,
    ],
    json: [
      () => `  "${w()}.${w()}": "${w()} ${w()} ${w()}",`,
      () => `    "node_modules/${w()}-${w()}": { "version": "1.${v.digits(1)}.0", "resolved": "https://registry.npmjs.org/${w()}/-/${w()}-1.0.0.tgz", "integrity": "sha512-${v.b64(86)}==" },`,
    ],
    md: [() => `The ${w()} service stores a ${w()} per ${w()}; rotate the ${w()} with \`make ${v.pick(VERBS)}\`.`, () => `## ${w()} ${w()}`, () => ''],
    css: [() => `.${w()}-${w()} { color: #${v.hex(6)}; margin: ${v.digits(1)}px; }`],
    sql: [() => `CREATE INDEX ${w()}_${w()}_idx ON ${w()} (${w()}_id);`, () => `ALTER TABLE ${w()} ADD COLUMN ${w()}_hash varchar(64);`],
  };
  const keyed = /token|password|secret|api_key|auth|key/i;
  const split = Object.fromEntries(Object.entries(lines).map(([k, fns]) => {
    const probe = fns.map((f) => [f, keyed.test(f.toString())]);
    return [k, { plain: probe.filter((p) => !p[1]).map((p) => p[0]), keyed: probe.filter((p) => p[1]).map((p) => p[0]) }];
  }));
  return (kind, bytes) => {
    const out = [];
    let n = 0;
    const { plain, keyed: withKeyword } = split[kind];
    while (n < bytes) {
      // about one line in fifteen mentions a secret keyword, as in real web-service code
      const line = v.pick(withKeyword.length > 0 && v.random() < 0.066 ? withKeyword : plain)();
      out.push(line);
      n += line.length + 1;
    }
    return out;
  };
}

const KINDS = [['py', '.py', 30], ['ts', '.tsx', 20], ['ts', '.ts', 10], ['ts', '.js', 8], ['go', '.go', 6], ['yaml', '.yaml', 8], ['json', '.json', 6], ['md', '.md', 6], ['css', '.css', 4], ['sql', '.sql', 2]];

/** Writes the tree (once) and returns its path and the number of planted secrets. */
export function ensureTree(dir, { files = 4800, seed = 3 } = {}) {
  const done = path.join(dir, '.bench-complete');
  if (existsSync(done)) return { dir, planted: 60 };
  rmSync(dir, { recursive: true, force: true });
  const v = makeValues(rng(seed));
  const make = maker(v);
  const weighted = KINDS.flatMap(([kind, ext, n]) => Array(n).fill([kind, ext]));
  for (let i = 0; i < files; i++) {
    const [kind, ext] = weighted[i % weighted.length];
    const sub = path.join(dir, ['backend', 'frontend', 'services', 'deploy', 'docs'][i % 5], `pkg${i % 37}`, `mod${i % 11}`);
    mkdirSync(sub, { recursive: true });
    // sizes spread like real code: most files small, a few large
    const bytes = Math.floor(2000 + 30000 * v.random() ** 2.2);
    const body = make(kind, bytes);
    if (i % 80 === 7) body.splice(Math.floor(body.length / 2), 0, plant(v, Math.floor(i / 80)));
    writeFileSync(path.join(sub, `${i}${ext}`), body.join('\n') + '\n');
  }
  // one minified bundle: a 1.5 MB single line with keywords all along it
  const chunk = () => `function ${v.lower(3)}(e){var t=e.token||"",n=e.password;return auth(t,n,"${v.alnum(12)}")}`;
  writeFileSync(path.join(dir, 'frontend', 'bundle.min.js'), Array.from({ length: 18000 }, chunk).join(';'));
  writeFileSync(done, new Date().toISOString());
  return { dir, planted: 60 };
}

function plant(v, i) {
  switch (i % 6) {
    case 0: return `AWS_ACCESS_KEY_ID = "${v.awsKeyId()}"`;
    case 1: return `GITHUB_TOKEN = "${v.github()}"`;
    case 2: return `stripe_key = "${v.stripe()}"`;
    case 3: return `DATABASE_URL = "postgres://app:${v.alnum(16)}@db.internal:5432/app"`;
    case 4: return `SECRET_KEY = "${v.alnum(40)}"`;
    default: return `slack = "${v.slackToken()}"`;
  }
}
