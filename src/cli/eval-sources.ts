// The annotated articles eval:extract scores, and running the engine over one of them.
//
// Two layouts: the project's own fixtures (test/fixtures/eval/NAME.txt + NAME.gold.json, plus the
// seed article), and a corpus directory of real news (DIR/texts/FILE plus either DIR/gold.json,
// one object keyed by file name, or DIR/gold/*.gold.json, one annotation a file).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { extract, type ExtractOptions } from '../extraction/index.ts';
import { evaluateArticle, type ArticleEvaluation, type GoldAnnotation, type PredictedClaim } from '../extraction/evaluate.ts';

export interface EvalItem {
  id: string;
  /** From the annotation or the file name (`NN-lang-...`); null when neither says. */
  language: string | null;
  textPath: string;
  gold: GoldAnnotation;
  /** What extract() is told: the fixtures pass their language and publisher; a corpus is scored as the extract command runs. */
  options: ExtractOptions;
}

export interface EvalRun {
  item: EvalItem;
  evaluation: ArticleEvaluation | null;
  error: string | null;
}

export type Extractor = (text: string, options: ExtractOptions) => { language?: string; claims: readonly PredictedClaim[] };

export class CorpusError extends Error {}

const nameSchema = z.union([z.string(), z.object({ name: z.string().nullish() }).passthrough(), z.null()]);
const goldClaimSchema = z
  .object({
    text: z.string(),
    speaker: z.string(),
    start: z.number().int().optional(),
    end: z.number().int().optional(),
    outlets: z.array(nameSchema).nullish(),
  })
  .passthrough();
const corpusEntrySchema = z
  .object({
    file: z.string().optional(),
    language: z.string().optional(),
    claims: z.array(goldClaimSchema),
    optional_claims: z.array(goldClaimSchema).nullish(),
  })
  .passthrough();
const fixtureGoldSchema = z
  .object({
    article: z.object({ language: z.enum(['ar', 'en', 'fr']), publisher: z.string().optional(), file: z.string().optional() }).passthrough(),
    claims: z.array(goldClaimSchema),
    optional_claims: z.array(goldClaimSchema).nullish(),
  })
  .passthrough();

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE_DIR = join(ROOT, 'test/fixtures/eval');
const SEED_GOLD = join(ROOT, 'test/fixtures/article-ar-moscow-paris.gold.json');
const SEED_TEXT_DIR = join(ROOT, 'src/seed');

/** `01-ar-bbc-...txt` → `ar`. */
export function languageFromFileName(name: string): string | null {
  return /^\d+-([a-z]{2})-/.exec(basename(name))?.[1] ?? null;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CorpusError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new CorpusError(`${where}: not an annotation (${result.error.issues[0]?.message ?? 'bad shape'})`);
  return result.data;
}

function fixtureItem(goldPath: string, textDir: string, id: string): EvalItem {
  const gold = parse(fixtureGoldSchema, readJson(goldPath), goldPath);
  const { language, publisher, file } = gold.article;
  return {
    id,
    language,
    textPath: join(textDir, file ?? `${id}.txt`),
    gold,
    options: publisher === undefined ? { language } : { language, publisher },
  };
}

/** The project's own evaluation set: the seed article, then every fixture in name order. */
export function fixtureItems(): EvalItem[] {
  const items = [fixtureItem(SEED_GOLD, SEED_TEXT_DIR, basename(SEED_GOLD, '.gold.json'))];
  for (const name of readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.gold.json')).sort()) {
    items.push(fixtureItem(join(FIXTURE_DIR, name), FIXTURE_DIR, name.slice(0, -'.gold.json'.length)));
  }
  return items;
}

function corpusItem(dir: string, key: string, value: unknown, where: string): EvalItem {
  const entry = parse(corpusEntrySchema, value, where);
  const file = entry.file ?? key;
  return { id: file, language: entry.language ?? languageFromFileName(file), textPath: join(dir, 'texts', file), gold: entry, options: {} };
}

/** A corpus directory: DIR/gold.json in its key order, else DIR/gold/*.gold.json in name order. */
export function corpusItems(dir: string): EvalItem[] {
  const single = join(dir, 'gold.json');
  if (existsSync(single)) {
    const all = readJson(single);
    if (all === null || typeof all !== 'object' || Array.isArray(all)) throw new CorpusError(`${single}: expected an object keyed by file name`);
    return Object.entries(all).map(([key, value]) => corpusItem(dir, key, value, `${single} [${key}]`));
  }
  const goldDir = join(dir, 'gold');
  if (!existsSync(goldDir)) throw new CorpusError(`${dir}: no gold.json and no gold/ directory`);
  return readdirSync(goldDir)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => corpusItem(dir, `${f.slice(0, -'.gold.json'.length)}.txt`, readJson(join(goldDir, f)), join(goldDir, f)));
}

const engine: Extractor = (text, options) => extract(text, options);

/** Runs the engine on one article and scores it; a crash is scored as an article with no claim. */
export function runItem(item: EvalItem, extractor: Extractor = engine): EvalRun {
  let text: string;
  try {
    text = readFileSync(item.textPath, 'utf8');
  } catch (error) {
    return { item, evaluation: null, error: `cannot read the text: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  let claims: readonly PredictedClaim[] = [];
  let detected: string | undefined;
  let error: string | null = null;
  try {
    const result = extractor(text, item.options);
    claims = result.claims;
    detected = result.language;
  } catch (e) {
    error = `extract() threw: ${(e as Error).message}`;
  }
  const language = item.language ?? detected ?? 'unknown';
  return { item, evaluation: evaluateArticle(text, item.gold, claims, { id: item.id, language, failed: error !== null }), error };
}
