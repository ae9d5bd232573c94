import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { connectDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { retryWhileBusy } from '../db/busy.ts';
import { runCommand } from './run-command.ts';
import { closeExtractionWorkers } from '../features/articles/article-extractor.ts';
import { controlCharacterNotice } from '../features/articles/article-text.ts';
import { parseArticleForm } from '../features/articles/articles.schema.ts';
import { ingestArticle } from '../features/articles/articles.service.ts';

const USAGE = 'Usage: npm run --silent ingest -- FILE [--title TITLE] [--outlet PUBLISHER] [--lang ar|en|fr] [--url SOURCE_URL] [--published DATE]';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        title: { type: 'string' },
        outlet: { type: 'string' },
        lang: { type: 'string' },
        url: { type: 'string' },
        published: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [file, ...extra] = args.positionals;
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!file || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }

  const config = loadConfig();
  const form = parseArticleForm({
    title: args.values.title,
    publisher: args.values.outlet,
    language: args.values.lang,
    sourceUrl: args.values.url,
    publishedAt: args.values.published,
  });
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    console.error(unreadableFileMessage(file, error));
    return 2;
  }
  const db = connectDatabase(config.databaseUrl, { busyTimeoutMs: config.sqliteBusyTimeoutMs });
  try {
    const onRetry = (attempt: number, attempts: number) => console.error(`The database is busy; trying again (attempt ${attempt} of ${attempts}).`);
    await retryWhileBusy(() => migrateToLatest(db), { onRetry });
    const limits = { maxBytes: config.maxArticleBytes, maxClaims: config.maxClaimsPerArticle };
    const result = await retryWhileBusy(() => ingestArticle(db, { ...form, text: bytes }, limits), { onRetry });
    console.log(
      JSON.stringify({
        articleId: result.article.id,
        title: result.article.title,
        language: result.article.language,
        created: result.created,
        duplicate: !result.created,
        claims: result.claimCount,
        controlCharactersRemoved: result.removedControlCharacters,
      }),
    );
    if (result.removedControlCharacters > 0) console.error(String(controlCharacterNotice(result.removedControlCharacters)));
    if (!result.created) {
      const claims = `${result.claimCount} claim${result.claimCount === 1 ? '' : 's'}`;
      console.error(`This text was already ingested as article ${result.article.id} (${claims}); nothing was added.`);
    }
    return 0;
  } finally {
    await db.destroy();
    await closeExtractionWorkers();
  }
}

function unreadableFileMessage(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `No such file: ${file}`;
  if (code === 'EISDIR') return `${file} is a directory, not a text file.`;
  if (code === 'EACCES') return `${file} cannot be read (permission denied).`;
  return `${file} cannot be read: ${(error as Error).message}`;
}

runCommand(main);
