// Matching runs on a folded copy of the text, but everything we return must
// point into the caller's original string. So the folded copy carries, for
// each of its code units, the original span it came from.

export interface Normalized {
  /** The caller's text, untouched. */
  readonly original: string;
  /** Folded text used for matching. */
  readonly text: string;
  /** starts[i]: original offset of the code unit that produced text[i]. */
  readonly starts: Int32Array;
  /** ends[i]: original offset just after text[i], swallowing any marks dropped after it. */
  readonly ends: Int32Array;
}

const enum Action {
  Keep = 0,
  Drop = 1,
  Map = 2,
}

// Arabic harakat, Quranic annotation marks, superscript alef and tatweel carry
// no lexical information for matching and are often inconsistently present.
function isDroppedMark(c: number): boolean {
  return (
    (c >= 0x064b && c <= 0x065f) ||
    c === 0x0670 ||
    (c >= 0x06d6 && c <= 0x06ed) ||
    c === 0x0640 || // tatweel / kashida
    (c >= 0x0300 && c <= 0x036f) // Latin combining accents (decomposed input)
  );
}

// Invisible format characters that scrapers leave behind.
function isInvisible(c: number): boolean {
  return (
    c === 0x0d || // CR of CRLF: keep only LF so line logic sees one break
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff ||
    c === 0x061c ||
    c === 0x00ad
  );
}

const SINGLE_MAP: ReadonlyMap<number, string> = new Map<number, string>([
  // Alef variants fold to bare alef; alef maqsura and ta marbuta to their usual confusables.
  [0x0623, '\u0627'],
  [0x0625, '\u0627'],
  [0x0622, '\u0627'],
  [0x0671, '\u0627'],
  [0x0649, '\u064a'],
  [0x0629, '\u0647'],
  // Persian/Urdu code points that appear in Arabic copy-pasted from other keyboards.
  [0x06cc, '\u064a'],
  [0x06a9, '\u0643'],
  // Whitespace variants collapse to a plain space (NBSP, thin spaces, tabs...).
  [0x00a0, ' '],
  [0x2007, ' '],
  [0x202f, ' '],
  [0x205f, ' '],
  [0x3000, ' '],
  [0x09, ' '],
  [0x0b, ' '],
  [0x0c, ' '],
  [0x2028, '\n'],
  [0x2029, '\n'],
  // Typographic quotes: one double-quote character makes quote tracking language-neutral.
  [0x201c, '"'],
  [0x201d, '"'],
  [0x201e, '"'],
  [0x201f, '"'],
  [0x00ab, '"'],
  [0x00bb, '"'],
  [0x2039, '"'],
  [0x203a, '"'],
  [0x2033, '"'],
  [0x2018, "'"],
  [0x2019, "'"],
  [0x201a, "'"],
  [0x201b, "'"],
  [0x2032, "'"],
  [0x02bc, "'"],
  [0x2013, '-'],
  [0x2014, '-'],
  [0x2212, '-'],
]);

// Latin letters with diacritics fold to their base letters: scraped French
// often loses accents, and the lexicon should not need both spellings.
const LATIN_FOLD: ReadonlyMap<number, string> = (() => {
  const m = new Map<number, string>();
  for (let c = 0x00c0; c <= 0x024f; c++) {
    const ch = String.fromCharCode(c);
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    if (base !== ch && /^[A-Za-z]+$/.test(base)) m.set(c, base);
  }
  m.set(0x0153, 'oe');
  m.set(0x0152, 'OE');
  m.set(0x00e6, 'ae');
  m.set(0x00c6, 'AE');
  m.set(0x00df, 'ss');
  return m;
})();

function mapChar(c: number): string | null {
  if (c >= 0x0660 && c <= 0x0669) return String.fromCharCode(0x30 + c - 0x0660); // Arabic-Indic digits
  if (c >= 0x06f0 && c <= 0x06f9) return String.fromCharCode(0x30 + c - 0x06f0); // Extended (Persian) digits
  if (c >= 0x2000 && c <= 0x200a) return ' ';
  return SINGLE_MAP.get(c) ?? LATIN_FOLD.get(c) ?? null;
}

function classify(c: number): Action {
  if (c < 0x80) {
    if (c === 0x0d) return Action.Drop;
    return SINGLE_MAP.has(c) ? Action.Map : Action.Keep;
  }
  if (isDroppedMark(c) || isInvisible(c)) return Action.Drop;
  return mapChar(c) === null ? Action.Keep : Action.Map;
}

/** Build the folded copy and its offset map in one linear pass. */
export function normalize(original: string): Normalized {
  const n = original.length;
  // Expansions (oe, ae, ss) are rare; reserve a little slack and grow if needed.
  let cap = n + 16;
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  const parts: string[] = [];
  let len = 0;
  let runStart = 0; // start of a pending run of kept characters
  const flushRun = (upTo: number): void => {
    if (upTo > runStart) parts.push(original.slice(runStart, upTo));
  };
  const ensure = (extra: number): void => {
    if (len + extra <= cap) return;
    cap = Math.max(cap * 2, len + extra);
    const s2 = new Int32Array(cap);
    s2.set(starts);
    starts = s2;
    const e2 = new Int32Array(cap);
    e2.set(ends);
    ends = e2;
  };
  for (let i = 0; i < n; i++) {
    const c = original.charCodeAt(i);
    const action = classify(c);
    if (action === Action.Keep) {
      ensure(1);
      starts[len] = i;
      ends[len] = i + 1;
      len++;
      continue;
    }
    flushRun(i);
    runStart = i + 1;
    if (action === Action.Drop) {
      // A dropped mark belongs to the letter before it, so spans that end on
      // that letter still cover its vowel sign in the original.
      if (len > 0 && c !== 0x0d && !isInvisible(c)) ends[len - 1] = i + 1;
      continue;
    }
    const rep = mapChar(c) ?? '';
    ensure(rep.length);
    for (let k = 0; k < rep.length; k++) {
      starts[len] = i;
      ends[len] = i + 1;
      len++;
    }
    parts.push(rep);
  }
  flushRun(n);
  return { original, text: parts.join(''), starts: starts.subarray(0, len), ends: ends.subarray(0, len) };
}

/** Map a half-open span of the folded text back to the original string. */
export function toOriginal(norm: Normalized, start: number, end: number): [number, number] {
  const len = norm.text.length;
  if (len === 0) return [0, 0];
  const s = Math.max(0, Math.min(start, len));
  const e = Math.max(s, Math.min(end, len));
  if (e === s) {
    const at = s < len ? norm.starts[s]! : norm.original.length;
    return [at, at];
  }
  return [norm.starts[s]!, norm.ends[e - 1]!];
}

/** Fold a single word or phrase the same way as the text (used for lexicon entries). */
export function foldText(s: string): string {
  return normalize(s).text;
}

/** Folded and lower-cased: the key used for lexicon lookups. */
export function foldKey(s: string): string {
  return foldText(s).toLowerCase().trim();
}
