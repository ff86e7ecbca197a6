/**
 * Worker thread of the secret scan: scans the batches it is sent (scan-batch.ts) and replies with
 * their matches.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ScannerConfig } from './compiled-rule.js';
import { SecretScanner } from './scanner.js';
import { scanBatch, type FileToScan } from './scan-batch.js';

const scanner = new SecretScanner(workerData as ScannerConfig);

parentPort!.on('message', (files: FileToScan[]) => parentPort!.postMessage(scanBatch(scanner, files)));
