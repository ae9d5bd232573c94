import { threadId } from 'node:worker_threads';
import { extract, type ExtractionResult, type ExtractOptions } from '../../extraction/index.ts';

export interface ExtractionTask {
  text: string;
  options: ExtractOptions;
}

export interface ExtractionReply {
  extraction: ExtractionResult;
  /** The thread the extraction ran on, so that callers and tests can see it left the main thread. */
  threadId: number;
}

/** Runs in a worker thread: extraction is synchronous and CPU-bound, and would otherwise block every request. */
export default function extractInWorker({ text, options }: ExtractionTask): ExtractionReply {
  return { extraction: extract(text, options), threadId };
}
