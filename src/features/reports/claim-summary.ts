import { shortenAtWord } from '../../text/shorten.ts';

/** Google shows claimReviewed in full up to about this many characters. */
export const MAX_CLAIM_SUMMARY = 75;

/** Words that open the reported statement after a cue and its speaker ("said that", "اعتبر … أن"), longest first. */
const COMPLEMENTIZERS = ['إلى أن', 'على أن', 'من أن', 'عن أن', 'بأنهم', 'بأنها', 'بأنه', 'بأن', 'أنهم', 'أنها', 'أنه', 'أن', 'إنهم', 'إنها', 'إنه', 'إن', 'that', 'que', "qu'"];
/** A lead ("X said that") is at most this far into the text; a cue further on trails the statement ("…, according to X"). */
const LEAD_CHARS = 60;
/** Characters searched for a complementizer after a leading cue: room for a speaker's name and title. */
const SPEAKER_CHARS = 60;
const EDGE_PUNCTUATION = /^[\s"'«»“”„:,،؛;.\-–—]+|[\s"'«»“”„:,،؛;\-–—]+$/gu;

/**
 * What an unedited claim reads as in ClaimReview: the statement without its attribution ("قال
 * ديلانويه إن …", "…, according to the expert"), cut at a word to MAX_CLAIM_SUMMARY characters.
 */
export function defaultClaimSummary(text: string, cue: string): string {
  return shortenAtWord(withoutAttribution(text.replace(/\s+/g, ' ').trim(), cue.trim()), MAX_CLAIM_SUMMARY);
}

/** The statement a claim reports, without its attribution and surrounding quotation marks, uncut. */
export function claimStatement(text: string, cue: string): string {
  return withoutAttribution(text.replace(/\s+/g, ' ').trim(), cue.trim());
}

function withoutAttribution(text: string, cue: string): string {
  const at = cueIndex(text, cue);
  if (at === undefined) return stripEdges(text);
  if (at.start <= LEAD_CHARS) {
    const rest = text.slice(at.end);
    const opener = complementizerEnd(rest.slice(0, SPEAKER_CHARS));
    const statement = stripEdges(opener === undefined ? rest : rest.slice(opener));
    return statement === '' ? stripEdges(text) : statement;
  }
  const statement = stripEdges(text.slice(0, at.start));
  return statement === '' ? stripEdges(text) : statement;
}

/** The cue as a word of its own; an Arabic cue may carry a glued conjunction (ويرى, فقال). */
function cueIndex(text: string, cue: string): { start: number; end: number } | undefined {
  if (cue === '') return undefined;
  if (!/\p{L}/u.test(cue)) {
    const index = text.indexOf(cue);
    return index === -1 ? undefined : { start: index, end: index + cue.length };
  }
  const pattern = new RegExp(`(^|[\\s"«“(])((?:و|ف)?${escapeRegExp(cue)})(?=$|[\\s,،:؛.!?"”»)])`, 'iu');
  const match = pattern.exec(text);
  if (!match) return undefined;
  const start = match.index + match[1]!.length;
  return { start, end: start + match[2]!.length };
}

function complementizerEnd(window: string): number | undefined {
  let best: { start: number; end: number } | undefined;
  for (const word of COMPLEMENTIZERS) {
    const match = new RegExp(`(^|\\s)${escapeRegExp(word)}(?=\\s|$|["«“])`, 'iu').exec(window);
    if (!match) continue;
    const start = match.index + match[1]!.length;
    if (!best || start < best.start) best = { start, end: start + word.length };
  }
  return best?.end;
}

function stripEdges(text: string): string {
  return text.replace(EDGE_PUNCTUATION, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
