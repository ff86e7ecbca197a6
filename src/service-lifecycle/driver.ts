/**
 * What `mina service` needs from a service, whichever it is: the bundled reference service
 * (`reference-driver.ts`) or the user's own, described under `service:` in mina.yaml
 * (`custom-driver.ts`). Lifecycle code (up, drill, load...) only talks to this interface.
 */
import type { Paths, ServiceMode, ServiceState } from './state.js';
import type { StartSpec } from './processes.js';

export interface Fingerprint {
  rows: number;
  checksum: string | null;
  /** Reference service only: the committed set is exactly the rows with id ≤ maxId. */
  maxId?: number;
}

export interface SmokeStep {
  name: string;
  ok: boolean;
  ms: number;
  detail?: string;
}

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadPlan {
  /** Cycled in order by every connection. */
  requests: LoadRequest[];
  /** Called per request: lets the reference service spread load over many users. */
  vary?: (req: LoadRequest) => LoadRequest;
}

export interface UpOptions {
  workers?: number;
  port: number;
  databaseUrl?: string;
  redisUrl?: string;
  embedded?: boolean;
}

export interface ServiceDriver {
  readonly service: 'reference' | 'custom';
  /** Decide mode and environment, and how to start the processes. */
  prepare(paths: Paths, options: UpOptions): { mode: ServiceMode; workers: number; url: string; readyUrl: string; env: Record<string, string>; readyTimeoutMs: number };
  startSpec(paths: Paths, state: ServiceState): StartSpec;
  stopGraceMs: number;
  seed(state: ServiceState, rows: number): Promise<number>;
  fingerprint(state: ServiceState, maxId?: number): Promise<Fingerprint>;
  backup(state: ServiceState, paths: Paths): Promise<{ file: string; bytes: number | null }>;
  wipe(state: ServiceState, paths: Paths): Promise<void>;
  restore(state: ServiceState, paths: Paths, file: string): Promise<void>;
  smoke(state: ServiceState): Promise<SmokeStep[]>;
  loadPlan(state: ServiceState): LoadPlan;
}
