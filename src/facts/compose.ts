/**
 * Docker Compose files and their services: command, entrypoint, environment (map or `K=V` list),
 * `env_file`, replicas and secrets, each with the line to point at. Files named for development
 * (`docker-compose.override.yml`, `compose.dev.yaml`, `…local…`, `…test…`) are marked `dev`.
 */
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { defineFact } from '../context/repo-context.js';
import { yamlParser, type YamlFile } from '../context/parsers/yaml.js';
import { isTestPath, isVendoredPath } from './code/sources.js';

export interface ComposeEnv {
  name: string;
  /** null for `- NAME` (passed through from the host) or a non-scalar. */
  value: string | null;
  line: number;
}

export interface ComposeService {
  name: string;
  file: string;
  line: number;
  dev: boolean;
  /** `command` as words (a string is split on whitespace the way Compose does without a shell). */
  command: { words: string[]; line: number } | null;
  entrypoint: { words: string[]; line: number } | null;
  environment: ComposeEnv[];
  envFiles: Array<{ path: string; line: number }>;
  replicas: { count: number; line: number } | null;
  /** Service-level `secrets:` names. */
  secrets: string[];
}

export interface ComposeFile {
  path: string;
  dev: boolean;
  services: ComposeService[];
  /** Top-level `secrets:` (Compose/Swarm secrets). */
  secrets: string[];
}

const COMPOSE = ['**/docker-compose*.yml', '**/docker-compose*.yaml', '**/compose*.yml', '**/compose*.yaml'];
const DEV = /(override|dev|devel|development|local|test|testing|ci)/i;

export const composeFilesFact = defineFact<ComposeFile[]>('compose', async (repo) => {
  const out: ComposeFile[] = [];
  for (const f of repo.glob(COMPOSE, { nocase: true })) {
    if (isTestPath(f.path) || isVendoredPath(f.path)) continue;
    const yaml = await repo.parse(f.path, yamlParser);
    const doc = yaml?.docs[0];
    if (!yaml || !doc || doc.errors.length) continue;
    const parsed = readCompose(f.path, doc, yaml);
    if (parsed) out.push(parsed);
  }
  return out;
});

function readCompose(path: string, doc: Document.Parsed, yaml: YamlFile): ComposeFile | null {
  const root = doc.contents;
  if (!isMap(root)) return null;
  const servicesNode = root.get('services', true) as Node | undefined;
  if (!isMap(servicesNode)) return null;
  const dev = DEV.test(path.slice(path.lastIndexOf('/') + 1));
  const line = (n: unknown) => yaml.lineAt((n as { range?: [number] })?.range?.[0] ?? 0);
  const services: ComposeService[] = [];
  for (const pair of servicesNode.items) {
    if (!isScalar(pair.key) || !isMap(pair.value)) continue;
    const svc = pair.value;
    const words = (key: string) => {
      const n = svc.get(key, true) as Node | undefined;
      if (isScalar(n) && typeof n.value === 'string') return { words: n.value.trim().split(/\s+/), line: line(n) };
      if (isSeq(n)) return { words: n.items.map((i) => (isScalar(i) ? String(i.value) : '')), line: line(n) };
      return null;
    };
    const environment: ComposeEnv[] = [];
    const envNode = svc.get('environment', true) as Node | undefined;
    if (isMap(envNode)) {
      for (const p of envNode.items) {
        if (!isScalar(p.key)) continue;
        const v = isScalar(p.value) && p.value.value !== null ? String(p.value.value) : null;
        environment.push({ name: String(p.key.value), value: v, line: line(p.key) });
      }
    } else if (isSeq(envNode)) {
      for (const item of envNode.items) {
        if (!isScalar(item)) continue;
        const text = String(item.value);
        const eq = text.indexOf('=');
        environment.push({ name: eq < 0 ? text : text.slice(0, eq), value: eq < 0 ? null : text.slice(eq + 1), line: line(item) });
      }
    }
    const envFileNode = svc.get('env_file', true) as Node | undefined;
    const envFiles = (isSeq(envFileNode) ? envFileNode.items : envFileNode ? [envFileNode] : []).flatMap((n) => {
      const p = isScalar(n) ? n.value : isMap(n) ? (n.get('path') as unknown) : null;
      return typeof p === 'string' ? [{ path: p, line: line(n) }] : [];
    });
    const deploy = svc.get('deploy', true) as Node | undefined;
    const replicasNode = isMap(deploy) ? (deploy.get('replicas', true) as Node | undefined) : (svc.get('scale', true) as Node | undefined);
    const replicas = isScalar(replicasNode) && typeof replicasNode.value === 'number' ? { count: replicasNode.value, line: line(replicasNode) } : null;
    const secretsNode = svc.get('secrets', true) as Node | undefined;
    const secrets = isSeq(secretsNode) ? secretsNode.items.flatMap((i) => (isScalar(i) ? [String(i.value)] : isMap(i) && typeof i.get('source') === 'string' ? [String(i.get('source'))] : [])) : [];
    services.push({ name: String(pair.key.value), file: path, line: line(pair.key), dev, command: words('command'), entrypoint: words('entrypoint'), environment, envFiles, replicas, secrets });
  }
  const topSecrets = root.get('secrets', true) as Node | undefined;
  return { path, dev, services, secrets: isMap(topSecrets) ? topSecrets.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : [])) : [] };
}
