// Articles from a JSONL file (one JSON object a line with id, language, text; other fields
// ignored), and an even sample of them for the audit and benchmark commands.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export interface JsonlArticle {
  id: string;
  language: string;
  text: string;
}

export interface JsonlRead {
  articles: JsonlArticle[];
  /** Lines that are not an object with a text (blank lines aside). */
  skipped: number;
}

const lineSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  language: z.string().optional(),
  text: z.string().min(1),
});

/** Parses JSONL text; a line that is not an article is counted, not fatal. */
export function parseJsonlArticles(content: string): JsonlRead {
  const articles: JsonlArticle[] = [];
  let skipped = 0;
  content.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped++;
      return;
    }
    const parsed = lineSchema.safeParse(value);
    if (!parsed.success) {
      skipped++;
      return;
    }
    const { id, language, text } = parsed.data;
    articles.push({ id: id === undefined ? `line ${index + 1}` : String(id), language: language ?? 'unknown', text });
  });
  return { articles, skipped };
}

export function readJsonlArticles(path: string): JsonlRead {
  return parseJsonlArticles(readFileSync(path, 'utf8'));
}

/** `count` items spread evenly over `items` (every k-th), in their order. */
export function everyKth<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  if (count <= 0) return [];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}

/**
 * At most `limit` articles, shared as equally as possible between the languages present (a
 * language with fewer articles than its share leaves the rest to the others), each language's
 * share spread evenly over its articles; the result keeps the file's order.
 */
export function sampleAcrossLanguages(articles: readonly JsonlArticle[], limit: number): JsonlArticle[] {
  if (limit >= articles.length) return [...articles];
  const byLanguage = new Map<string, number[]>();
  articles.forEach((a, i) => {
    const indices = byLanguage.get(a.language);
    if (indices) indices.push(i);
    else byLanguage.set(a.language, [i]);
  });
  const groups = [...byLanguage.values()].sort((x, y) => x.length - y.length);
  let remaining = limit;
  const chosen: number[] = [];
  groups.forEach((indices, g) => {
    const share = Math.min(indices.length, Math.floor(remaining / (groups.length - g)));
    chosen.push(...everyKth(indices, share));
    remaining -= share;
  });
  return chosen.sort((x, y) => x - y).map((i) => articles[i]!);
}
