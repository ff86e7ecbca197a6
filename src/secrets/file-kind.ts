/**
 * What a path tells about the values in it: whether bare (unquoted) values are literals (config
 * formats) or expressions (code), whether it is a test fixture, an example/template, or generated
 * (lockfiles, minified bundles) where assignments are data rather than credentials.
 */
export interface FileKind {
  /** `key: value` / `KEY=value` with a bare value is a literal here (YAML, .env, INI, shell...). */
  bareValues: boolean;
  /** Under a test folder or named as a test: findings are fixtures unless the format is live. */
  test: boolean;
  /** `*.example`, `*.sample`, `*.template`: placeholder values are expected. */
  example: boolean;
  /** Lockfiles, minified bundles, source maps: only fixed provider formats are looked for. */
  generated: boolean;
  /** Jupyter notebook: JSON-escaped source lines are unescaped before scanning. */
  notebook: boolean;
}

const TEST_DIR = /(?:^|\/)(?:tests?|__tests__|__mocks__|spec|specs|fixtures?|testdata|test-data|test_data|testing|mocks?|e2e|cypress|playwright)\//i;
const TEST_FILE = /(?:^|\/)(?:test_[^/]*\.py|[^/]*_test\.(?:py|go|rb|exs?)|[^/]*\.(?:test|spec)\.[cm]?[jt]sx?|[^/]*Tests?\.(?:java|kt|cs|swift)|conftest\.py|[^/]*_spec\.rb)$/;
const EXAMPLE = /(?:^|[./_-])(?:example|examples|sample|samples|template|templates|tmpl|tpl|dist)(?:\.[^/]*)?$/i;
const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'poetry.lock', 'pipfile.lock',
  'cargo.lock', 'go.sum', 'composer.lock', 'gemfile.lock', 'pdm.lock', 'uv.lock', 'mix.lock', 'pubspec.lock', 'packages.lock.json',
]);
const GENERATED = /\.(?:min\.[cm]?js|min\.css|map|lock|snap|svg)$|(?:^|\/)(?:dist|build|vendor|\.next|coverage)\/.*\.[cm]?js$/i;
const BARE = /\.(?:ya?ml|env|ini|cfg|conf|config|properties|toml|sh|bash|zsh|ps1|xml|plist|tf|tfvars|hcl|service|npmrc|pypirc|netrc|htpasswd|gradle)$|(?:^|\/)(?:\.env(?:\.[^/]*)?|[^/]*\.env|Dockerfile[^/]*|[^/]*\.dockerfile|Containerfile|\.npmrc|\.pypirc|\.netrc|\.pgpass|\.my\.cnf|credentials|config|Procfile)$/i;

export function fileKind(path: string): FileKind {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return {
    bareValues: BARE.test(path),
    test: TEST_DIR.test(path) || TEST_FILE.test(path),
    example: EXAMPLE.test(base) || /(?:^|\/)(?:examples?|samples?)\//i.test(path),
    generated: LOCKFILES.has(base) || GENERATED.test(path),
    notebook: base.endsWith('.ipynb'),
  };
}
