import { seedScale } from '../support/rating-scale.ts';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvHeader, csvRow, pipeCsvChunks } from '../../src/features/reports/claims-csv.ts';
import type { ClaimView } from '../../src/features/claims/claims.service.ts';

const SCALE = seedScale();

function claimNumber(index: number): ClaimView {
  return {
    id: `c${index}`,
    article_id: `a${index % 97}`,
    speaker_id: null,
    text: `قال المتحدث: "الرقم ${index}", وأضاف أن المحادثات مستمرة`,
    start_offset: index,
    end_offset: index + 10,
    prefix: '',
    suffix: '',
    cue: 'قال',
    kind: 'factual',
    checkworthiness: (index % 100) / 100,
    status: index % 2 ? 'false' : 'unverified',
    version: 1,
    status_changed_by: null,
    status_changed_at: null,
    assignee_id: null,
    assigned_at: null,
    attribution_status: 'unchecked',
    article_title: `مقال ${index % 97}`,
    article_language: 'ar',
    article_ingested_at: '2026-11-21T08:00:00.000Z',
    speaker_name: null,
    speaker_unnamed: 0,
    assignee_name: null,
    hops: [],
  } as ClaimView;
}

/** Batches made on demand, as the keyset query hands them out: nothing holds every row at once. */
async function* csvBatches(rows: number, batchSize: number): AsyncGenerator<string> {
  for (let start = 0; start < rows; start += batchSize) {
    const batch: string[] = [];
    for (let index = start; index < Math.min(rows, start + batchSize); index++) batch.push(csvRow(claimNumber(index), `https://desk.example/claims/c${index}`, SCALE));
    await Promise.resolve();
    yield batch.join('');
  }
}

/** A client reading slower than the rows come, counting what it got. */
function slowReader(highWaterMark: number) {
  const state = { bytes: 0, maxBuffered: 0, text: [] as string[], keepText: false };
  const out = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, callback) {
      state.bytes += chunk.length;
      if (state.keepText) state.text.push(chunk.toString('utf8'));
      setImmediate(callback);
    },
  });
  const write = out.write.bind(out);
  out.write = ((chunk: string) => {
    const ok = write(chunk);
    state.maxBuffered = Math.max(state.maxBuffered, out.writableLength);
    return ok;
  }) as typeof out.write;
  return { out, state };
}

describe('CSV streaming', () => {
  it('writes exactly the rows, in order, as the whole-file export did', async () => {
    const { out, state } = slowReader(1024);
    state.keepText = true;
    const chunks = csvBatches(1234, 100);
    out.write(csvHeader());
    await pipeCsvChunks(chunks, await chunks.next(), out);
    const whole = csvHeader() + Array.from({ length: 1234 }, (_, index) => csvRow(claimNumber(index), `https://desk.example/claims/c${index}`, SCALE)).join('');
    expect(state.text.join('')).toBe(whole);
  });

  it('keeps memory flat however many rows: at most one batch waits in the buffer', async () => {
    const rows = 200_000;
    const batchSize = 500;
    const { out, state } = slowReader(64 * 1024);
    const chunks = csvBatches(rows, batchSize);
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 5);
    await pipeCsvChunks(chunks, await chunks.next(), out);
    clearInterval(sampler);
    const oneBatchBytes = Buffer.byteLength((await csvBatches(batchSize, batchSize).next()).value as string);
    expect(state.bytes).toBeGreaterThan(rows * 100);
    // Back-pressure: the socket's buffer never holds more than the high-water mark and one batch.
    expect(state.maxBuffered).toBeLessThanOrEqual(64 * 1024 + oneBatchBytes);
    // The whole export is ~50 MB; garbage not yet collected aside, the heap never holds it all.
    expect(heapPeak - heapBefore).toBeLessThan(state.bytes);
  });

  it('adds one drain listener per export, behind compression as well', async () => {
    // As the compression middleware does: 'drain' listeners go to its gzip stream and are never taken off it.
    const { out, state } = slowReader(1024);
    const gzipSide = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    const ownOn = out.on.bind(out);
    out.on = ((event: string, listener: (...args: unknown[]) => void) => {
      if (event !== 'drain') return ownOn(event, listener);
      ownOn(event, listener);
      return gzipSide.on(event, () => undefined);
    }) as typeof out.on;
    const chunks = csvBatches(3000, 100);
    await pipeCsvChunks(chunks, await chunks.next(), out);
    expect(state.bytes).toBeGreaterThan(3000 * 100);
    expect(gzipSide.listenerCount('drain')).toBe(1);
  });

  it('stops reading rows when the client goes away', async () => {
    const { out } = slowReader(1024);
    let batchesMade = 0;
    async function* endless(): AsyncGenerator<string> {
      for (;;) {
        batchesMade++;
        yield 'x'.repeat(4096);
      }
    }
    const chunks = endless();
    setTimeout(() => out.destroy(), 20);
    await pipeCsvChunks(chunks, await chunks.next(), out);
    expect(out.destroyed).toBe(true);
    const made = batchesMade;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batchesMade).toBe(made);
  });
});
