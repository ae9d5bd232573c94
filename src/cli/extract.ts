// Command-line entry: print the extraction result of one article as JSON.
//   npm run --silent extract -- FILE [--lang ar|en|fr] [--publisher NAME]
import { readFileSync } from 'node:fs';
import { extract } from '../extraction/index.ts';
import type { ExtractOptions, Language } from '../extraction/index.ts';

const USAGE = 'usage: extract FILE [--lang ar|en|fr] [--publisher NAME]';
const LANGUAGES: readonly Language[] = ['ar', 'en', 'fr'];

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): { file: string; options: ExtractOptions } {
  let file: string | undefined;
  const options: ExtractOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--lang' || arg === '--publisher') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) fail(`missing value for ${arg}`);
      i++;
      if (arg === '--lang') {
        if (!LANGUAGES.includes(value as Language)) fail(`unsupported language: ${value}`);
        options.language = value as Language;
      } else {
        options.publisher = value;
      }
    } else if (arg.startsWith('--')) {
      fail(`unknown flag: ${arg}`);
    } else if (file === undefined) {
      file = arg;
    } else {
      fail(`unexpected argument: ${arg}`);
    }
  }
  if (file === undefined) fail('missing FILE');
  return { file, options };
}

const { file, options } = parseArgs(process.argv.slice(2));
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (err) {
  fail(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
}
process.stdout.write(JSON.stringify(extract(text, options), null, 2) + '\n');
