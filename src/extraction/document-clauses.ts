import type { Prepared } from './prepared.ts';
import type { Token } from './tokens.ts';
import { stripConjunction } from './tokens.ts';
import { arabicStem } from './arabic.ts';
import { isComma, isTerminalToken } from './cues-common.ts';

// Arabic news attributes a statement to a document or an occasion and then quotes it in a
// clause about that document: "وأصدرت حركة طالبان بيانا أعلنت فيه"، "رفع كليفورد دعوى ضد
// ترامب، قالت فيها"، "في تصريح لرئيس السلطة القضائية قال فيه"، "كتب ترامب تغريدة قال فيها".
// The verb of that clause has no subject of its own: it speaks for whoever issued the
// document. These functions find the document and the words naming its issuer.

// Words between the document and the cue: "دعوى ضد ترامب، قالت فيها".
const MAX_DOCUMENT_DISTANCE = 6;
// Words between the issuing verb and the document: "أصدر الأمين العام للأمم المتحدة أنطونيو غوتيريس بيانا".
const MAX_ISSUER_WORDS = 8;
// Words of the resumptive slot searched for "فيه": "أعلنت مسؤوليتها فيه".
const MAX_RESUMPTIVE_OFFSET = 3;

/** Where the issuer of a document clause is named, as a token range; 'implicit' when the issuing verb has no subject. */
export type IssuerPhrase = { document: string; documentToken: number; range: [number, number] | 'implicit' };

/** Folded stem of a document or statement noun ("بيانا" → بيان، "الدعوى" → دعوي), or null. */
function documentStem(key: string, lex: Prepared): string | null {
  const stem = arabicStem(key);
  for (const k of [stem, stem.replace(/ا$/, '')]) if (lex.documentNouns.has(k) || lex.statementVenues.has(k)) return k;
  return null;
}

export function isDocumentWord(key: string, lex: Prepared): boolean {
  return documentStem(key, lex) !== null;
}

function documentStemAt(tokens: readonly Token[], i: number, lex: Prepared): string | null {
  const t = tokens[i];
  return t && t.word ? documentStem(t.key, lex) : null;
}

function isIssuingVerb(key: string, lex: Prepared): boolean {
  return stripConjunction(key, lex.cuePrefixes).some(({ stem }) => lex.issuingVerbs.has(stem) || (stem.endsWith('ت') && lex.issuingVerbs.has(stem.slice(0, -1))));
}

/**
 * The resumptive word of a cue's slot ("قالت فيها"، "أعلنت مسؤوليتها فيه") and whether a
 * subject follows it ("أعلن فيه حيدر العبادي"). Null when the slot has none.
 */
export function resumptiveIn(tokens: readonly Token[], npStart: number, npEnd: number, lex: Prepared): number | null {
  for (let i = npStart, words = 0; i < npEnd && words < MAX_RESUMPTIVE_OFFSET; i++) {
    const t = tokens[i]!;
    if (!t.word) continue;
    if (lex.resumptiveWords.has(t.key)) return i;
    words++;
  }
  return null;
}

/** The document a clause opening at the cue is about: the noun right before it, past a comma, a relative pronoun and its complements. */
function documentBefore(tokens: readonly Token[], cueTok: number, sentenceStart: number, lex: Prepared): number | null {
  for (let i = cueTok - 1, words = 0; i >= sentenceStart && words < MAX_DOCUMENT_DISTANCE; i--) {
    const t = tokens[i]!;
    if (isTerminalToken(t)) return null;
    if (!t.word) continue;
    if (documentStemAt(tokens, i, lex)) return i;
    words++;
  }
  return null;
}

/** "تصريح لرئيس السلطة"، "بيانا نشرته الجمعية": the issuer named right after the document. */
function issuerAfterDocument(tokens: readonly Token[], doc: number, cueTok: number, lex: Prepared): [number, number] | null {
  let from = doc + 1;
  const next = tokens[from];
  if (!next || !next.word) return null;
  const issuedBy = /^(?:[^\s]+)(?:ه|ها)$/.test(next.key) && isIssuingVerb(next.key.replace(/(?:ه|ها)$/, ''), lex);
  if (issuedBy) from++;
  else if (!/^ل/.test(next.key) || next.key.length < 3 || lex.functionWords.has(next.key)) return null;
  let end = cueTok;
  while (end > from && (!tokens[end - 1]!.word || lex.relativePronouns.has(tokens[end - 1]!.key))) end--;
  for (let k = from; k < end; k++) if (isComma(tokens[k]) || isTerminalToken(tokens[k])) end = k;
  return end > from ? [from, end] : null;
}

/**
 * "وأصدرت حركة طالبان بيانا"، "وكان ترامب أطلق تغريدة"، "رفع كليفورد دعوى"، "فأصدر، قبيل الجلسة،
 * بيانا": the subject of the verb issuing the document, up to a parenthetical comma.
 */
function subjectOfIssuingVerb(tokens: readonly Token[], doc: number, sentenceStart: number, lex: Prepared): [number, number] | 'implicit' | null {
  for (let v = doc - 1, words = 0; v >= sentenceStart && words <= MAX_ISSUER_WORDS; v--) {
    const t = tokens[v]!;
    if (isTerminalToken(t)) return null;
    if (!t.word) continue;
    if (isIssuingVerb(t.key, lex)) {
      let end = v + 1;
      while (end < doc && !isComma(tokens[end])) end++;
      if (end > v + 1) return [v + 1, end];
      // "وكان ترامب أطلق تغريدة": the subject stands between the auxiliary and the verb.
      let s = sentenceStart;
      while (s < v && (!tokens[s]!.word || lex.subjectFirstAux.has(stripConjunction(tokens[s]!.key, lex.cuePrefixes).at(-1)!.stem))) s++;
      return s < v && s > sentenceStart ? [s, v] : 'implicit';
    }
    words++;
  }
  return null;
}

/**
 * The issuer of the document whose clause a cue opens: a cue whose slot holds a resumptive
 * word ("قالت فيها"، "اتهمت فيه النظام") or that follows an indefinite document directly
 * ("بيانا أعلنت"). Null when the cue opens no such clause or the issuer cannot be found.
 */
export function documentClauseIssuer(tokens: readonly Token[], cueTok: number, npStart: number, npEnd: number, sentenceStart: number, lex: Prepared): IssuerPhrase | null {
  if (lex.language !== 'ar') return null;
  const resumptive = resumptiveIn(tokens, npStart, npEnd, lex);
  const doc = documentBefore(tokens, cueTok, sentenceStart, lex);
  if (doc === null) return null;
  if (resumptive === null && !(doc === cueTok - 1 && tokens[doc]!.key.endsWith('ا'))) return null;
  const document = documentStemAt(tokens, doc, lex)!;
  // "وجه ماجد رسالة للجامعة": after a verb, ل names the addressee; without one ("تصريح لرئيس السلطة"), the author.
  const range = subjectOfIssuingVerb(tokens, doc, sentenceStart, lex) ?? issuerAfterDocument(tokens, doc, cueTok, lex);
  return range ? { document, documentToken: doc, range } : null;
}
