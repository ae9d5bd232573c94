import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { connectDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { runCommand } from './run-command.ts';
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
  const db = connectDatabase(config.databaseUrl);
  try {
    const form = parseArticleForm({
      title: args.values.title,
      publisher: args.values.outlet,
      language: args.values.lang,
      sourceUrl: args.values.url,
      publishedAt: args.values.published,
    });
    const bytes = await readFile(file);
    await migrateToLatest(db);
    const result = await ingestArticle(db, { ...form, text: bytes }, { maxBytes: config.maxArticleBytes });
    console.log(
      JSON.stringify({
        articleId: result.article.id,
        title: result.article.title,
        language: result.article.language,
        created: result.created,
        claims: result.claimCount,
      }),
    );
    if (!result.created) console.error('This text was already ingested; nothing was added.');
    return 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`No such file: ${file}`);
      return 2;
    }
    throw error;
  } finally {
    await db.destroy();
  }
}

runCommand(main);
