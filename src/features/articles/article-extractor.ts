import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ExtractOptions } from '../../extraction/index.ts';
import type { ExtractionReply, ExtractionTask } from './extraction.worker.ts';

const WORKER_FILE = new URL('./extraction.worker.ts', import.meta.url).href;
// Workers do not inherit the parent's loaders under every runner (vitest, plain node): tsx is
// loaded explicitly so that the worker can import TypeScript wherever the app runs.
const TSX_LOADER = import.meta.resolve('tsx');
// Idle workers are let go after this long; the next ingestion starts one again.
const IDLE_TIMEOUT_MS = 60_000;

let pool: Piscina<ExtractionTask, ExtractionReply> | undefined;

function extractionPool(): Piscina<ExtractionTask, ExtractionReply> {
  pool ??= new Piscina<ExtractionTask, ExtractionReply>({
    filename: WORKER_FILE,
    execArgv: ['--import', TSX_LOADER],
    minThreads: 0,
    // One core stays free for the requests the extraction must not hold up.
    maxThreads: Math.max(1, availableParallelism() - 1),
    idleTimeout: IDLE_TIMEOUT_MS,
  });
  return pool;
}

/**
 * Extracts claims on a worker thread: extraction is synchronous and takes seconds on a large article,
 * during which the main thread would answer no request.
 */
export async function extractOffThread(text: string, options: ExtractOptions): Promise<ExtractionReply> {
  return extractionPool().run({ text, options });
}

/** Lets the worker threads go (benchmarks and tests that want a clean exit). */
export async function closeExtractionWorkers(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
