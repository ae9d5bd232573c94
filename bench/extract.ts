/**
 * Extraction throughput on a large generated Arabic corpus.
 * Prints MB/s per core and, as a machine-independent figure, the ratio to a baseline measured
 * in the same run: one regex pass that folds Arabic spelling variants over the same text.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { extract } from '../src/extraction/index.ts';

const TARGET_BYTES = Number(process.env.BENCH_BYTES ?? 4 * 1024 * 1024);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function sourceArticles(): string[] {
  const texts = [readFileSync(new URL('../src/seed/article-ar-moscow-paris.txt', import.meta.url), 'utf8')];
  const evalDir = new URL('../test/fixtures/eval/', import.meta.url);
  try {
    for (const file of readdirSync(evalDir)) {
      if (file.endsWith('.txt')) {
        const text = readFileSync(path.join(evalDir.pathname, file), 'utf8');
        if (/[\u0600-\u06FF]/.test(text)) texts.push(text);
      }
    }
  } catch {
    // the evaluation set is optional for the benchmark
  }
  return texts;
}

/** Articles of realistic size, made by reshuffling the paragraphs of the real ones. */
function generateCorpus(targetBytes: number): string[] {
  const paragraphs = sourceArticles().flatMap((text) => text.split(/\r?\n/).filter((line) => line.trim().length > 0));
  const articles: string[] = [];
  let bytes = 0;
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  while (bytes < targetBytes) {
    const count = 8 + Math.floor(random() * 8);
    const article = Array.from({ length: count }, () => paragraphs[Math.floor(random() * paragraphs.length)]!).join('\n');
    articles.push(article);
    bytes += Buffer.byteLength(article, 'utf8');
  }
  return articles;
}

function time(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function best(run: () => void): number {
  run(); // warm-up: JIT and lexicon caches
  return Math.min(...Array.from({ length: ROUNDS }, () => time(run)));
}

const corpus = generateCorpus(TARGET_BYTES);
const megabytes = corpus.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0) / (1024 * 1024);
let claims = 0;

const baselineSeconds = best(() => {
  for (const text of corpus) text.replace(/[\u064B-\u065F\u0640]/g, '').replace(/[أإآ]/g, 'ا');
});
const heapBefore = process.memoryUsage().heapUsed;
const extractSeconds = best(() => {
  claims = 0;
  for (const text of corpus) claims += extract(text, { language: 'ar' }).claims.length;
});
const heapAfter = process.memoryUsage().heapUsed;

console.log(`corpus            ${corpus.length} Arabic articles, ${megabytes.toFixed(2)} MB`);
console.log(`claims found      ${claims}`);
console.log(`extraction        ${(megabytes / extractSeconds).toFixed(2)} MB/s on one core (best of ${ROUNDS}: ${extractSeconds.toFixed(3)} s)`);
console.log(`baseline          ${(megabytes / baselineSeconds).toFixed(2)} MB/s (one normalisation regex pass)`);
console.log(`ratio             extraction takes ${(extractSeconds / baselineSeconds).toFixed(1)}× the baseline`);
console.log(`peak RSS          ${(process.memoryUsage().rss / (1024 * 1024)).toFixed(0)} MB; heap growth ${((heapAfter - heapBefore) / (1024 * 1024)).toFixed(1)} MB`);
console.log(`goal              ≥ 1 MB/s per core: ${megabytes / extractSeconds >= 1 ? 'met' : 'NOT met'}`);
