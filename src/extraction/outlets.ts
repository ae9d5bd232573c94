import type { OutletKind } from './types.ts';
import type { Normalized } from './normalize.ts';
import { toOriginal } from './normalize.ts';
import type { Prepared, PreparedOutlet } from './prepared.ts';
import { CHANNEL_HOSTS, preparedOutlets } from './prepared.ts';
import type { Token } from './tokens.ts';
import { matchAny } from './tokens.ts';
import { arabicStem, isArabicDefinite } from './arabic.ts';

// Outlets named in the text: a keyword ("صحيفة", "news agency", "le
// quotidien") followed by a name, or a name from the known-outlet table.

export interface OutletMention {
  name: string;
  kind: OutletKind;
  /** Token range of the whole mention (keyword included). */
  tokStart: number;
  tokEnd: number;
  /** Original-text surface of the name as written. */
  surface: string;
}

export interface OutletRef {
  name: string;
  kind: OutletKind;
  url: string | null;
  surface: string;
}

// Unquoted Arabic names are only trusted after these keywords; "موقع" and
// "شبكة" are too often ordinary nouns ("location", "network").
const STRONG_AR_KEYWORDS = new Set(['صحيفه', 'جريده', 'وكاله', 'قناه', 'مجله', 'اذاعه', 'تلفزيون']);

function surfaceOf(norm: Normalized, tokens: readonly Token[], a: number, b: number): string {
  const s = tokens[a];
  const e = tokens[b - 1];
  if (!s || !e || b <= a) return '';
  const [os, oe] = toOriginal(norm, s.start, e.end);
  return norm.original.slice(os, oe);
}

/** Known outlet whose alias starts at token i (Arabic aliases may carry a ل/ب/و prefix). */
export function knownOutletAt(tokens: readonly Token[], i: number, allowAmbiguous: boolean): { outlet: PreparedOutlet; end: number } | null {
  const t = tokens[i];
  if (!t || !t.word) return null;
  for (const o of preparedOutlets()) {
    if (o.needsKeyword && !allowAmbiguous) continue;
    for (const a of o.aliases) {
      let ok = true;
      for (let k = 0; k < a.words.length; k++) {
        const tk = tokens[i + k];
        if (!tk) {
          ok = false;
          break;
        }
        if (a.caseSensitive) {
          if (tk.text !== a.words[k]) {
            ok = false;
            break;
          }
        } else {
          const w = a.words[k]!;
          const key = tk.key;
          if (key !== w && !(k === 0 && key.length === w.length + 1 && /^[لبو]/.test(key) && key.slice(1) === w)) {
            ok = false;
            break;
          }
        }
      }
      if (ok) return { outlet: o, end: i + a.words.length };
    }
  }
  return null;
}

/** Canonical known outlet for a free-form name ("Sputnik", "رويترز"), if any. */
export function canonicalOutlet(name: string, lex: Prepared): PreparedOutlet | null {
  void lex;
  const folded = name.trim().toLowerCase();
  for (const o of preparedOutlets()) {
    if (o.name.toLowerCase() === folded) return o;
    for (const a of o.aliases) if (a.words.join(' ').toLowerCase() === folded) return o;
  }
  return null;
}

/** Outlet keyword at token i, with Arabic clitics (ل، ب، و، ال) tolerated. */
function keywordAt(tokens: readonly Token[], i: number, lex: Prepared): { end: number; kind: OutletKind; key: string } | null {
  const m = matchAny(tokens, i, lex.outletKeywords.map((k) => k.words));
  if (m) {
    const kw = lex.outletKeywords.find((k) => k.words === m.phrase)!;
    return { end: m.end, kind: kw.kind, key: m.phrase.join(' ') };
  }
  const t = tokens[i];
  if (!t || !t.word || lex.language !== 'ar') return null;
  let k = t.key;
  if (/^[لبو]/.test(k) && k.length > 4) {
    const rest = k.slice(1);
    if (lex.outletKeywords.some((x) => x.words.length === 1 && (x.words[0] === rest || 'ال' + x.words[0] === rest))) k = rest;
  }
  k = arabicStem(k);
  const kw = lex.outletKeywords.find((x) => x.words.length === 1 && x.words[0] === k);
  return kw ? { end: i + 1, kind: kw.kind, key: k } : null;
}

function isNationalityAdjective(key: string): boolean {
  // "اللبنانية", "الأمريكي", "البريطانية": definite nisba adjectives
  return isArabicDefinite(key) && /(?:يه|ي|يون|يين)$/.test(key);
}

/** Every outlet mentioned in tokens [from, to). */
export function findOutletMentions(tokens: readonly Token[], from: number, to: number, lex: Prepared, norm: Normalized): OutletMention[] {
  const out: OutletMention[] = [];
  for (let i = from; i < to; i++) {
    // لـ"الغد": an unknown outlet quoted right after the preposition "to".
    if (lex.language === 'ar' && tokens[i]!.key === 'ل' && tokens[i + 1]?.text === '"') {
      const m = nameAfterKeyword(tokens, i + 1, to, lex, norm, '');
      if (m) {
        out.push({ name: m.name, kind: m.kind ?? 'website', tokStart: i, tokEnd: m.end, surface: m.surface });
        i = m.end - 1;
        continue;
      }
    }
    const kw = keywordAt(tokens, i, lex);
    if (kw) {
      const m = nameAfterKeyword(tokens, kw.end, to, lex, norm, kw.key);
      if (m) {
        out.push({ name: m.name, kind: m.kind ?? kw.kind, tokStart: i, tokEnd: m.end, surface: m.surface });
        i = m.end - 1;
        continue;
      }
    }
    // "Le Monde a écrit", "the Guardian newspaper": name then keyword (Latin scripts).
    const known = knownOutletAt(tokens, i, false);
    if (known) {
      let end = known.end;
      const after = keywordAt(tokens, end, lex);
      if (after && lex.language !== 'ar') end = after.end;
      out.push({ name: known.outlet.name, kind: known.outlet.kind, tokStart: i, tokEnd: end, surface: surfaceOf(norm, tokens, i, known.end) });
      i = end - 1;
      continue;
    }
    if (lex.language !== 'ar') {
      // "the Daily Star newspaper", "Interfax news agency"
      const t = tokens[i]!;
      if (t.word && /^\p{Lu}/u.test(t.text)) {
        let e = i;
        while (e < to && tokens[e]!.word && /^\p{Lu}/u.test(tokens[e]!.text) && e - i < 4) e++;
        const after = keywordAt(tokens, e, lex);
        if (after && e > i) {
          out.push({ name: surfaceOf(norm, tokens, i, e), kind: after.kind, tokStart: i, tokEnd: after.end, surface: surfaceOf(norm, tokens, i, e) });
          i = after.end - 1;
        }
      }
    }
  }
  return out;
}

function nameAfterKeyword(
  tokens: readonly Token[],
  at: number,
  to: number,
  lex: Prepared,
  norm: Normalized,
  keyword: string,
): { name: string; kind?: OutletKind; end: number; surface: string } | null {
  let i = at;
  // French/English articles between keyword and name: "l'agence Reuters", "le quotidien Le Monde"
  const t0 = tokens[i];
  if (!t0) return null;
  if (!t0.word && t0.text === '"') {
    let e = i + 1;
    while (e < to && e - i < 10 && tokens[e]!.text !== '"') e++;
    if (e >= to || tokens[e]!.text !== '"' || e === i + 1) return null;
    const surface = surfaceOf(norm, tokens, i + 1, e);
    const known = knownOutletAt(tokens, i + 1, true);
    return { name: known && known.end === e ? known.outlet.name : surface, kind: known?.outlet.kind, end: e + 1, surface };
  }
  const known = knownOutletAt(tokens, i, true);
  if (known) return { name: known.outlet.name, kind: known.outlet.kind, end: known.end, surface: surfaceOf(norm, tokens, i, known.end) };
  if (!t0.word) return null;
  if (/^\p{Lu}/u.test(t0.text)) {
    let e = i;
    while (e < to && e - i < 5 && tokens[e]!.word && (/^\p{Lu}/u.test(tokens[e]!.text) || lex.nameParticles.has(tokens[e]!.key) || /^\d+$/.test(tokens[e]!.key))) e++;
    while (e > i && !/^\p{Lu}|^\d/u.test(tokens[e - 1]!.text)) e--;
    if (e > i) return { name: surfaceOf(norm, tokens, i, e), end: e, surface: surfaceOf(norm, tokens, i, e) };
    return null;
  }
  if (lex.language !== 'ar' || !STRONG_AR_KEYWORDS.has(keyword.split(' ')[0] ?? '')) return null;
  // "وكالة الأنباء السورية (سانا)": a generic description, then the name in brackets.
  for (let k = i; k < Math.min(to, i + 5); k++) {
    const t = tokens[k]!;
    if (!t.word && t.text === '(') {
      let c = k + 1;
      while (c < to && c - k <= 4 && tokens[c]!.text !== ')') c++;
      if (c < to && tokens[c]!.text === ')' && c > k + 1) {
        const known = knownOutletAt(tokens, k + 1, true);
        const surface = surfaceOf(norm, tokens, k + 1, c);
        return { name: known && known.end === c ? known.outlet.name : surface, kind: known?.outlet.kind, end: c + 1, surface };
      }
      break;
    }
    if (!t.word || lex.functionWords.has(t.key)) break;
  }
  // Unquoted Arabic name: a few words, minus trailing nationality adjectives.
  let e = i;
  while (e < to && e - i < 3 && tokens[e]!.word && !lex.functionWords.has(tokens[e]!.key) && !lex.complementFirstWords.has(tokens[e]!.key)) e++;
  while (e > i + 1 && isNationalityAdjective(tokens[e - 1]!.key)) e--;
  if (e === i || isNationalityAdjective(tokens[i]!.key)) return null;
  // A generic word after the keyword ("وكالة أنباء", "قناة فضائية") is not a name.
  if (e - i === 1 && /(?:يه)$/.test(tokens[i]!.key) && !isArabicDefinite(tokens[i]!.key)) return null;
  return { name: surfaceOf(norm, tokens, i, e), end: e, surface: surfaceOf(norm, tokens, i, e) };
}

/** Outlet for a distribution link ("https://t.me/NAME"). */
export function channelFromUrl(url: string): OutletRef | null {
  const m = /^(?:https?:\/\/)?(?:www\.)?([^/\s?#]+)\/+(?:s\/|@)?([^/\s?#]+)/i.exec(url);
  if (!m || !m[1] || !m[2]) return null;
  const host = m[1].toLowerCase();
  const ch = CHANNEL_HOSTS.find((h) => h.host === host);
  if (!ch) return null;
  return { name: m[2], kind: ch.kind, url, surface: m[2] };
}
