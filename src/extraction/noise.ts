import type { NoiseReason } from './types.ts';
import type { Prepared } from './prepared.ts';
import type { Token } from './tokens.ts';
import { matchAny } from './tokens.ts';
import { knownOutletAt } from './outlets.ts';
import { isTerminalToken } from './cues.ts';

// Scraper debris: share links, bylines, teasers, mastheads, photo credits
// with their captions, and related-article headlines merged into the body.
// Every detector works on one line of folded text and its tokens.

export interface NoiseHit {
  start: number;
  end: number;
  reason: NoiseReason;
}

export interface PhotoCredit extends NoiseHit {
  /** Agency that signs the photograph (first word of the credit if unknown). */
  agency: string;
  agencySurfaceStart: number;
  agencySurfaceEnd: number;
}

export interface Line {
  start: number;
  end: number;
  /** Token index range of the line. */
  a: number;
  b: number;
}

const URL_RE = /(?:https?:\/\/|www\.)[^\s"'<>()\u060c]+/gi;

/** URLs anywhere in the text; share and distribution links are never claim text. */
export function findUrls(text: string): { start: number; end: number; url: string }[] {
  const out: { start: number; end: number; url: string }[] = [];
  for (const m of text.matchAll(URL_RE)) {
    let url = m[0];
    while (/[.,;:!?]$/.test(url)) url = url.slice(0, -1);
    out.push({ start: m.index, end: m.index + url.length, url });
  }
  return out;
}

function wordCount(tokens: readonly Token[], a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) if (tokens[i]!.word) n++;
  return n;
}

function hasTerminal(tokens: readonly Token[], a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (isTerminalToken(tokens[i])) return true;
  return false;
}

/** A short line made only of share words ("Share", "شارك", "Tweet"). */
export function isShareLine(tokens: readonly Token[], line: Line, lex: Prepared): boolean {
  const n = wordCount(tokens, line.a, line.b);
  if (n === 0 || n > 6) return false;
  let first = line.a;
  while (first < line.b && !tokens[first]!.word) first++;
  // "Share this article", "شارك الخبر": a share verb opening a short line.
  if (n <= 4 && matchAny(tokens, first, lex.shareMarkers) && !hasTerminal(tokens, line.a, line.b)) return true;
  let i = line.a;
  while (i < line.b) {
    const t = tokens[i]!;
    if (!t.word) {
      i++;
      continue;
    }
    const m = matchAny(tokens, i, lex.shareMarkers);
    if (!m) return false;
    i = m.end;
  }
  return true;
}

/** "By Jane Doe", "بقلم: فلان", "Par Jean Dupont", "(Reporting by ...)" lines. */
export function bylineSpan(tokens: readonly Token[], line: Line, lex: Prepared): NoiseHit | null {
  let i = line.a;
  while (i < line.b && !tokens[i]!.word) i++;
  const m = matchAny(tokens, i, lex.bylineMarkers);
  if (!m) return null;
  const n = wordCount(tokens, line.a, line.b);
  const markerWords = m.phrase.length;
  if (n - markerWords < 1 || n > markerWords + 8) return null;
  if (lex.language !== 'ar') {
    // Names follow Latin bylines; "By the end of the year" is prose.
    const next = tokens[m.end];
    const nt = next && !next.word ? tokens[m.end + 1] : next;
    if (!nt || !/^\p{Lu}/u.test(nt.text)) return null;
    if (hasTerminal(tokens, line.a, line.b) && !/[.]$/.test(tokens[line.b - 1]?.text ?? '')) return null;
  } else if (hasTerminal(tokens, line.a, line.b)) return null;
  return { start: line.start, end: line.end, reason: 'byline' };
}

/** "(Reporting by X; Editing by Y)" anywhere in a line. */
export function reportingCredits(text: string, line: Line): NoiseHit | null {
  const seg = text.slice(line.start, line.end);
  const m = /\((?:additional )?(?:reporting|writing|editing|compiled) by [^)]{2,200}\)/i.exec(seg);
  return m ? { start: line.start + m.index, end: line.start + m.index + m[0].length, reason: 'byline' } : null;
}

/**
 * Dateline naming the originating agency: "MOSCOW (Reuters) -",
 * "القاهرة (رويترز) -". The prefix is noise, the agency the first hop.
 */
export function datelineAt(tokens: readonly Token[], line: Line): { hit: NoiseHit; agencyTok: [number, number] } | null {
  // "بيروت - سبوتنيك." / "PARIS - AFP -": place, dash, agency, then punctuation.
  for (let i = line.a + 1; i < Math.min(line.b, line.a + 4); i++) {
    const t = tokens[i]!;
    if (t.word) continue;
    if (t.text !== '-') break;
    const known = knownOutletAt(tokens, i + 1, true);
    const after = known ? tokens[known.end] : undefined;
    if (known && after && !after.word && /^[-.:،,]$/.test(after.text)) {
      return { hit: { start: line.start, end: after.end, reason: 'byline' }, agencyTok: [i + 1, known.end] };
    }
    break;
  }
  for (let i = line.a; i < Math.min(line.b, line.a + 8); i++) {
    const t = tokens[i]!;
    if (t.word || t.text !== '(') continue;
    const known = knownOutletAt(tokens, i + 1, true);
    if (!known || tokens[known.end]?.text !== ')') return null;
    const dash = tokens[known.end + 1];
    if (!dash || dash.word || !/^[-:]$/.test(dash.text)) return null;
    return { hit: { start: line.start, end: dash.end, reason: 'byline' }, agencyTok: [i + 1, known.end] };
  }
  return null;
}

/** "اقرأ أيضا: ...", "Read more: ...", "Lire aussi ..." lines. */
export function teaserSpan(tokens: readonly Token[], line: Line, lex: Prepared): NoiseHit | null {
  let i = line.a;
  while (i < line.b && !tokens[i]!.word) i++;
  return matchAny(tokens, i, lex.teaserMarkers) ? { start: line.start, end: line.end, reason: 'teaser' } : null;
}

/**
 * Masthead / breadcrumb lines at the top of the page: a short line with no
 * sentence punctuation that names an outlet, is a breadcrumb trail, or is
 * only a date/time stamp.
 */
export function mastheadSpan(text: string, tokens: readonly Token[], line: Line, lex: Prepared, isFirstLine: boolean): NoiseHit | null {
  const n = wordCount(tokens, line.a, line.b);
  if (n === 0) return null;
  const seg = text.slice(line.start, line.end);
  // A date/time stamp: only digits, separators, month and day names.
  const stamp = seg.replace(/\p{L}+/gu, (w) => {
    const k = w.toLowerCase();
    return lex.months.has(k) || lex.timeWords.has(k) || k === 'gmt' || k === 'utc' ? '' : w;
  });
  if (/\d/.test(seg) && /^[\d\s:\/.\-,|]+$/.test(stamp)) {
    return { start: line.start, end: line.end, reason: 'masthead' };
  }
  // "Published 12 March 2024", "نشر في 2015/12/09": a label word and a date.
  let f = line.a;
  while (f < line.b && !tokens[f]!.word) f++;
  if (n <= 12 && lex.labelWords.has(tokens[f]?.key ?? '') && /\d/.test(seg) && !/[.!?\u061f]\s*$/.test(seg.replace(/\d\.\d/g, ''))) {
    return { start: line.start, end: line.end, reason: 'masthead' };
  }
  if (hasTerminal(tokens, line.a, line.b) || n > 6) return null;
  if (/\s[|>»]\s|\s\/\s/.test(seg) && n <= 8) return { start: line.start, end: line.end, reason: 'masthead' };
  if (!isFirstLine) return null;
  for (let i = line.a; i < line.b; i++) {
    const k = knownOutletAt(tokens, i, true);
    if (k && wordCount(tokens, line.a, line.b) - (k.end - i) <= 2) return { start: line.start, end: line.end, reason: 'masthead' };
  }
  return null;
}

function isLatinCap(t: Token | undefined): boolean {
  return !!t && t.word && /^[A-Z][A-Za-z'\-]+$/.test(t.text);
}

/**
 * Photo credit at the start of a line: a known photo agency followed by the
 * photographer ("Sputnik Mikhail Klimentiev", "AFP / John Doe"), a copyright
 * sign, or — in Arabic text — a run of capitalised Latin words. The caption
 * runs until `captionEnd` (where the real sentence starts) or the end of the
 * line. Returns null when the line does not start with a credit.
 */
export function photoCreditAt(tokens: readonly Token[], line: Line, lex: Prepared, captionEnd: number): PhotoCredit | null {
  let i = line.a;
  while (i < line.b && !tokens[i]!.word && tokens[i]!.text !== '©') i++;
  if (i >= line.b) return null;
  let agencyA = i;
  let agencyB = i + 1;
  let agency: string | null = null;
  let creditEnd = i;
  if (tokens[i]!.text === '©') {
    agencyA = i + 1;
    if (!tokens[agencyA]?.word) return null;
    const known = knownOutletAt(tokens, agencyA, true);
    agencyB = known ? known.end : agencyA + 1;
    agency = known ? known.outlet.name : tokens[agencyA]!.text;
    creditEnd = agencyB;
  } else {
    const marker = matchAny(tokens, i, lex.photoMarkers);
    if (marker && tokens[marker.end]?.text === ':') {
      // "Photo: AFP", "صورة: رويترز" label lines are captions in their own right.
      const known = knownOutletAt(tokens, marker.end + 1, true);
      if (known) {
        return { start: tokens[i]!.start, end: Math.min(captionEnd, line.end), reason: 'caption', agency: known.outlet.name, agencySurfaceStart: tokens[marker.end + 1]!.start, agencySurfaceEnd: tokens[known.end - 1]!.end };
      }
      return null;
    }
    const known = knownOutletAt(tokens, i, true);
    if (known && known.outlet.photoAgency) {
      agency = known.outlet.name;
      agencyB = known.end;
    } else if (lex.language === 'ar' && isLatinCap(tokens[i]) && isLatinCap(tokens[i + 1])) {
      agency = tokens[i]!.text;
      agencyB = i + 1;
    } else return null;
    let j = agencyB;
    if (tokens[j] && !tokens[j]!.word && /^[\/\-:|]$/.test(tokens[j]!.text)) j++;
    let names = 0;
    while (j < line.b && isLatinCap(tokens[j]) && names < 4) {
      j++;
      names++;
    }
    // A bare agency name at a line start is a credit only when a photographer follows.
    if (names === 0) return null;
    creditEnd = j;
  }
  if (creditEnd > line.b) return null;
  let end = Math.min(captionEnd, line.end);
  // Without a glued sentence, the caption stops at the first sentence end.
  for (let k = creditEnd; k < line.b; k++) {
    if (tokens[k]!.start >= end) break;
    if (isTerminalToken(tokens[k])) {
      end = tokens[k]!.end;
      break;
    }
  }
  return {
    start: tokens[i]!.start,
    end,
    reason: 'photo_credit',
    agency: agency ?? '',
    agencySurfaceStart: tokens[agencyA]!.start,
    agencySurfaceEnd: tokens[agencyB - 1]!.end,
  };
}

/**
 * Signals that a run of text at the start of a line is a list of headlines
 * rather than prose: the next sentence is glued to it without a space, or it
 * uses headline separators (".." "|" " - "), or it is a headline quote.
 */
export function looksLikeHeadlineRun(text: string, tokens: readonly Token[], a: number, b: number, glued: boolean): boolean {
  if (b <= a) return false;
  for (let i = a; i < b; i++) {
    const t = tokens[i]!;
    if (!t.word && (t.text === '\u060c' || (t.text === ',' && !glued))) return false;
    if (isTerminalToken(t) && !(t.text === '.' && (tokens[i + 1]?.text === '.' || tokens[i - 1]?.text === '.'))) return false;
  }
  if (glued) return true;
  const seg = text.slice(tokens[a]!.start, tokens[b - 1]!.end);
  return /\.\.|\s\|\s|\s-\s|\s\u2022\s/.test(seg);
}

/** "(أ ف ب)", "(Reuters)" closing a paragraph: an agency credit, not part of the sentence. */
export function trailingAgencyCredit(tokens: readonly Token[], line: Line): { hit: NoiseHit; agencyTok: [number, number] } | null {
  let b = line.b;
  while (b > line.a && isTerminalToken(tokens[b - 1])) b--;
  if (b - line.a < 4 || tokens[b - 1]!.text !== ')') return null;
  for (let i = b - 2; i > Math.max(line.a, b - 7); i--) {
    if (tokens[i]!.text !== '(') continue;
    const known = knownOutletAt(tokens, i + 1, true);
    if (!known || known.end !== b - 1) return null;
    return { hit: { start: tokens[i]!.start, end: tokens[b - 1]!.end, reason: 'byline' }, agencyTok: [i + 1, known.end] };
  }
  return null;
}
