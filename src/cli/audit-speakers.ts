// Command-line report: run the extraction engine over the articles of a JSONL file (id, language,
// text) and list the speaker strings it gives its claims, most frequent first, marking those the
// speaker validator rejects, with the share of claims whose speaker it would reject.
//   npm run --silent audit:speakers -- FILE.jsonl [--limit N] [--language ar|en|fr] [--rejected] [--examples]
// --limit N samples N articles shared equally between the languages, evenly spread over the file;
// --rejected lists only the rejected speakers (the summary still counts every claim); --examples
// shows under each speaker the first claim given it.
// Articles are extracted as the extract command does, the language detected from the text.
// Exit code: 0 whatever the figures (this is a report), 2 on a usage error or an unreadable file.
import { extract } from '../extraction/index.ts';
import { readJsonlArticles, sampleAcrossLanguages, type JsonlArticle } from './jsonl-articles.ts';
import { share, tallySpeakers, type ArticleSpeakers, type SpeakerTally } from './speaker-tally.ts';

const USAGE = 'usage: audit:speakers FILE.jsonl [--limit N] [--language ar|en|fr] [--rejected] [--examples]';
const LANGUAGES = ['ar', 'en', 'fr'];

interface Flags {
  file: string;
  limit: number | null;
  language: string | null;
  rejectedOnly: boolean;
  examples: boolean;
}

function parseArgs(argv: readonly string[]): Flags | string {
  const flags: Partial<Flags> = { limit: null, language: null, rejectedOnly: false, examples: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--rejected') flags.rejectedOnly = true;
    else if (arg === '--examples') flags.examples = true;
    else if (arg === '--limit') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n <= 0) return '--limit needs a positive whole number';
      flags.limit = n;
    } else if (arg === '--language') {
      const language = argv[++i];
      if (!language || !LANGUAGES.includes(language)) return '--language needs ar, en or fr';
      flags.language = language;
    } else if (arg.startsWith('--')) return `unknown flag: ${arg}`;
    else if (flags.file === undefined) flags.file = arg;
    else return `unexpected argument: ${arg}`;
  }
  if (flags.file === undefined) return 'missing FILE.jsonl';
  return flags as Flags;
}

function speakersOf(article: JsonlArticle): ArticleSpeakers {
  const result = extract(article.text);
  return { id: article.id, language: result.language, claims: result.claims.map((c) => ({ speaker: c.speaker.name, text: c.text })) };
}

function languageCounts(tally: SpeakerTally): string {
  return Object.entries(tally.byLanguage)
    .map(([language, t]) => `${language} ${t.articles}`)
    .join(', ');
}

const clip = (s: string, n = 120): string => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};

function print(tally: SpeakerTally, file: string, flags: Flags): void {
  console.log(`Speakers the engine gives its claims on ${tally.overall.articles} articles of ${file} (${languageCounts(tally)}).\n`);
  const rows = tally.speakers.filter((s) => !flags.rejectedOnly || s.rejection !== null);
  const reasonWidth = Math.max('rejected'.length, ...rows.map((s) => (s.rejection ?? '').length));
  console.log(`${'count'.padStart(6)}  lang  ${'rejected'.padEnd(reasonWidth)}  speaker`);
  for (const s of rows) {
    console.log(`${String(s.count).padStart(6)}  ${s.language.padEnd(4)}  ${(s.rejection ?? '').padEnd(reasonWidth)}  ${s.name}`);
    if (flags.examples) console.log(`${' '.repeat(14)}e.g. ${s.example.article}: ${clip(s.example.text)}`);
  }
  if (rows.length === 0) console.log('  (none)');
  console.log(`\n${tally.speakers.length} distinct speakers, ${tally.speakers.filter((s) => s.rejection !== null).length} of them rejected.`);
  if (tally.reasons.length > 0) console.log(`claims by rejection reason: ${tally.reasons.map(([r, n]) => `${r} ${n}`).join(', ')}`);
  for (const [language, t] of Object.entries(tally.byLanguage)) {
    console.log(`  ${language}: articles ${t.articles}, claims ${t.claims}, claims with a rejected speaker ${t.rejectedClaims} (${share(t.rejectedClaims, t.claims)})`);
  }
  const o = tally.overall;
  console.log(`articles ${o.articles}, claims ${o.claims}, claims with a rejected speaker ${o.rejectedClaims} (${share(o.rejectedClaims, o.claims)})`);
}

function main(argv: readonly string[]): number {
  const flags = parseArgs(argv);
  if (typeof flags === 'string') {
    process.stderr.write(`${flags}\n${USAGE}\n`);
    return 2;
  }
  let read;
  try {
    read = readJsonlArticles(flags.file);
  } catch (error) {
    process.stderr.write(`cannot read ${flags.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return 2;
  }
  let articles = read.articles;
  if (flags.language !== null) articles = articles.filter((a) => a.language === flags.language);
  if (flags.limit !== null) articles = sampleAcrossLanguages(articles, flags.limit);
  print(tallySpeakers(articles.map(speakersOf)), flags.file, flags);
  if (read.skipped > 0) console.log(`(${read.skipped} lines skipped: not an article with a text)`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
