import type { Prepared, PreparedCue } from './prepared.ts';
import type { Token } from './tokens.ts';
import { isAbbreviation } from './sentences.ts';
import { knownOutletAt } from './outlets.ts';
import { isCoordinatedCue, sentenceSubject } from './cues-coordinated.ts';
import type { CueMatch } from './cues-common.ts';
import { findComplement, isComma, isInitialDot, isQuote, isTerminalToken, matchVerbForm, participleOrSourceCueAt } from './cues-common.ts';

// Subject-first cues (English, French): the speaker before the verb, inversions after a
// quotation ("…, a-t-il dit", '"…," said X'), coordinated verb phrases.

const MAX_NP = 10;

const EN_AUX = new Set(['has', 'have', 'had', 'also', 'later', 'previously']);
const FR_AUX = new Set(['a', 'ont', 'avait', 'avaient', 'aurait', 'auraient', 'est', 'sont', "s'", 'se']);
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'il', 'elle', 'ils', 'elles']);
const FR_INVERTED = /^(.+?)-(?:t-)?(il|elle|ils|elles|on)$/;
// "when asked whether …" is passive: the one asked speaks later in the sentence.
const EN_BLOCKERS = new Set(['when', 'if', 'unless', 'to', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'not', "n't", 'did', 'does', 'do', 'the', 'is', 'was', 'were', 'are', 'be', 'been', 'being', 'a', 'an']);

/** English/French (subject-first) cue detection, including inversions after quotes. */
export function findSVO(tokens: readonly Token[], from: number, to: number, lex: Prepared): CueMatch[] {
  const out: CueMatch[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (!t.word) continue;
    const prev = i > from ? tokens[i - 1] : undefined;
    let verb = matchVerbForm(tokens, i, lex.verbCues, []);
    let invertedPronoun: number | null = null;
    if (!verb && lex.language === 'fr') {
      // "ajoute-t-il", "dit-elle": verb and subject pronoun in one token
      const m = FR_INVERTED.exec(t.key);
      if (m && m[1] && lex.verbCues.has(m[1])) {
        const cue = lex.verbCues.get(m[1])![0]!;
        verb = { cue, end: i + 1, prefix: '' };
        invertedPronoun = i;
      }
    }
    if (verb) {
      if (lex.language === 'en' && prev && EN_BLOCKERS.has(prev.key)) continue; // passive / infinitive / "the said"
      if (i > from && /^\p{Lu}/u.test(t.text) && !isQuote(prev)) continue; // "the United States" is not "states"
      let cueTok = i;
      // Auxiliaries belong to the cue: "a déclaré", "a-t-il ajouté", "has said".
      let k = i - 1;
      while (k >= from && tokens[k]!.word && (lex.language === 'fr' ? FR_AUX.has(tokens[k]!.key) || FR_INVERTED.test(tokens[k]!.key) && /^(a|ont|avait)-/.test(tokens[k]!.key) : EN_AUX.has(tokens[k]!.key))) {
        if (FR_INVERTED.test(tokens[k]!.key)) invertedPronoun = k;
        cueTok = k;
        k--;
      }
      if (lex.language === 'fr' && cueTok === i && verb.cue.form.length === 1 && !/(e|ent|it|t)$/.test(verb.cue.form[0]!) && !invertedPronoun) {
        // Bare French participles ("déclaré") without auxiliary are usually adjectives.
        const p = tokens[i - 1];
        if (!p || !isComma(p)) continue;
      }
      const before = tokens[cueTok - 1];
      // Inversion ("\"Q,\" said X", "« Q », a déclaré X") only right after a quotation.
      const afterQuoteOrComma = !!before && ((isComma(before) && isQuote(tokens[cueTok - 2])) || (isQuote(before) && isComma(tokens[cueTok - 2])));
      const comp = findComplement(tokens, verb.end, to, verb.cue, lex, 8);
      let npStart: number;
      let npEnd: number;
      let contentBefore = false;
      let contentTok = comp ? comp.content : verb.end;
      let ppStart = verb.end;
      let ppEnd = comp ? comp.at : verb.end;
      if (invertedPronoun !== null) {
        // "a-t-il ajouté", "dit-elle": the subject pronoun is inside the token.
        npStart = invertedPronoun;
        npEnd = invertedPronoun + 1;
        // The pronoun glued to the verb marks the inversion even without quotes: "…, a-t-il estimé".
        contentBefore = afterQuoteOrComma || (cueTok > from && isComma(before));
      } else {
        const np = afterQuoteOrComma ? null : subjectBefore(tokens, cueTok, from, lex);
        // Inversion: "\"Q,\" said X", "« Q », a déclaré X", and without quotes
        // "The decision is historic, said John Smith" when no subject precedes.
        const inverted = cueTok > from && (afterQuoteOrComma || (!np && !comp && isComma(before)));
        if (inverted) {
          let s0 = verb.end;
          const pp = outletBeforeSpeaker(tokens, s0, to);
          if (pp > s0) {
            ppStart = s0;
            ppEnd = pp;
            s0 = pp;
          } else ppStart = ppEnd = s0;
          npStart = s0;
          npEnd = inversionNPEnd(tokens, s0, to, lex);
          contentBefore = true;
          contentTok = from;
          if (npEnd === npStart) continue;
        } else {
          if (!np && isCoordinatedCue(tokens, cueTok, from)) {
            const coordinated = coordinatedCue(tokens, cueTok, verb, comp, from, to, out, lex);
            if (coordinated) out.push(coordinated);
            continue;
          }
          if (!np || isFirstPerson(tokens, np)) continue;
          npStart = np.start;
          npEnd = np.end;
          const q = tokens[npStart - 1];
          if (q && (isQuote(q) || isComma(q)) && npStart - 1 > from) contentBefore = !comp || comp.content >= to;
        }
      }
      if (!contentBefore && (contentTok >= to || (!comp && !verb.cue.directObject))) continue;
      if (contentBefore) contentTok = from;
      out.push({
        type: 'verb',
        hint: verb.cue.hint,
        cueTok,
        cueEndTok: verb.end,
        claimStart: Math.min(tokens[cueTok]!.start, tokens[npStart]?.start ?? Infinity),
        cueStart: tokens[cueTok]!.start,
        cueEnd: tokens[verb.end - 1]!.end,
        npStart,
        npEnd,
        contentTok,
        ppStart,
        ppEnd,
        relative: !!tokens[npStart - 1] && lex.relativePronouns.has(tokens[npStart - 1]!.key) && npStart === npEnd,
        ppRole: 'interview',
        contentBefore,
        leading: npStart === from || cueTok === from,
        glued: false,
      });
      i = Math.max(i, npEnd - 1, verb.end - 1);
      continue;
    }
    const fallback = participleOrSourceCueAt(tokens, i, from, to, lex, { allowed: isComma(prev), prefixes: [] });
    if (fallback) {
      out.push(fallback.cue);
      i = fallback.last;
    }
  }
  return out;
}

// "Je réclame l'abandon des poursuites, a déclaré X": a first-person subject speaks inside
// someone else's statement, whose own cue comes later.
const FIRST_PERSON = new Set(['i', 'we', 'je', "j'", 'nous']);

function isFirstPerson(tokens: readonly Token[], np: { start: number; end: number }): boolean {
  return np.end - np.start === 1 && FIRST_PERSON.has(tokens[np.start]!.key);
}

function hasCapitalised(tokens: readonly Token[], a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (tokens[k]!.word && /^\p{Lu}/u.test(tokens[k]!.text)) return true;
  return false;
}

/** Is there a word in tokens [a, b)? A cue followed only by punctuation reports nothing. */
function hasWord(tokens: readonly Token[], a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (tokens[k]!.word) return true;
  return false;
}

/**
 * "X kept the crowd back, and said …": a cue coordinated with an earlier verb phrase. After an
 * earlier cue of the sentence it continues that speaker, from the cue on (like "adding that");
 * otherwise the claim opens with the subject of the sentence.
 */
function coordinatedCue(
  tokens: readonly Token[], cueTok: number, verb: { cue: PreparedCue; end: number }, comp: { at: number; content: number } | null,
  from: number, to: number, earlier: readonly CueMatch[], lex: Prepared,
): CueMatch | null {
  if (!comp && !verb.cue.directObject) return null;
  const contentTok = comp ? comp.content : verb.end;
  if (!hasWord(tokens, contentTok, to)) return null;
  const base = {
    hint: verb.cue.hint, cueTok, cueEndTok: verb.end, cueStart: tokens[cueTok]!.start, cueEnd: tokens[verb.end - 1]!.end, contentTok,
    ppStart: verb.end, ppEnd: comp ? comp.at : verb.end, relative: false, ppRole: 'interview' as const, contentBefore: false, glued: false,
  };
  if (earlier.some((c) => c.type === 'verb')) {
    return { ...base, type: 'participle', claimStart: tokens[cueTok]!.start, npStart: verb.end, npEnd: verb.end, leading: false };
  }
  const subject = sentenceSubject(tokens, from, cueTok, lex);
  if (!subject) return null;
  return { ...base, type: 'verb', claimStart: tokens[subject.start]!.start, npStart: subject.start, npEnd: subject.end, leading: true };
}

/** "a déclaré à l'AFP Marie Dupont", "told the BBC": outlet between an inverted verb and its speaker. */
function outletBeforeSpeaker(tokens: readonly Token[], from: number, to: number): number {
  const t = tokens[from];
  if (!t || !t.word || !['a', 'au', 'aux', 'to'].includes(t.key)) return from;
  let j = from + 1;
  while (j < to && ["l'", 'la', 'le', 'the', "d'"].includes(tokens[j]!.key)) j++;
  const start = j;
  const known = knownOutletAt(tokens, start, true);
  if (known) j = known.end;
  else if (/^[A-Z]{2,}$/.test(tokens[start]?.text ?? '')) j = start + 1;
  // Only when a speaker still follows the outlet.
  return j > start && j < to && tokens[j]!.word ? j : from;
}

/** Speaker after an inverted verb: up to a comma, terminal punctuation or sentence end. */
function inversionNPEnd(tokens: readonly Token[], from: number, to: number, lex: Prepared): number {
  let j = from;
  const limit = Math.min(to, from + MAX_NP);
  while (j < limit) {
    const t = tokens[j]!;
    if (!t.word && t.text !== '-' && t.text !== "'" && !isInitialDot(tokens, j)) break;
    if (t.word && j > from && ['that', 'que', 'on', 'in', 'at', 'during', 'lors', 'dans', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'after', 'before', 'après', 'avant', 'when', 'quand', 'while', 'tandis', 'alors'].includes(t.key)) break;
    j++;
  }
  void lex;
  return j;
}

/**
 * Start of a several-word adverbial of the lexicon ending right before `end` ("X a pour sa part
 * dit", "X a quant à lui déclaré"), or `end` when there is none.
 */
function adverbialPhraseBefore(tokens: readonly Token[], end: number, from: number, lex: Prepared): number {
  for (let n = 3; n >= 2; n--) {
    if (end - n < from) continue;
    const words = tokens.slice(end - n, end);
    if (words.every((t) => t.word) && lex.skippableAdverbs.has(words.map((t) => t.key).join(' '))) return end - n;
  }
  return end;
}

/** Subject phrase before an SVO cue, with one appositive allowed ("Smith, an analyst at X, said"). */
function subjectBefore(tokens: readonly Token[], cueTok: number, from: number, lex: Prepared): { start: number; end: number } | null {
  let end = cueTok;
  for (;;) {
    const adverbial = adverbialPhraseBefore(tokens, end, from, lex);
    if (adverbial < end) {
      end = adverbial;
      if (end > from && FR_AUX.has(tokens[end - 1]!.key)) end--;
    } else if (end > from && tokens[end - 1]!.word && lex.skippableAdverbs.has(tokens[end - 1]!.key)) {
      end--;
      if (end > from && tokens[end]!.key === 'ailleurs' && tokens[end - 1]!.key === 'par') end--;
    } else if (end > from && lex.language === 'fr' && FR_AUX.has(tokens[end - 1]!.key) && end - 1 > from && tokens[end - 2]!.word) end--;
    // ", however," / ", cependant,"
    else if (end - 3 >= from && isComma(tokens[end - 1]) && lex.skippableAdverbs.has(tokens[end - 2]!.key) && isComma(tokens[end - 3])) end -= 3;
    else if (end > from && isComma(tokens[end - 1])) {
      // A short lower-case parenthesis between subject and verb: "X a, de son côté, assuré".
      let p = end - 2;
      while (p > from && end - p < 7 && tokens[p]!.word && !/^\p{Lu}/u.test(tokens[p]!.text)) p--;
      if (p > from && p < end - 2 && isComma(tokens[p]) && !lex.relativePronouns.has(tokens[p + 1]!.key)) {
        end = p;
        while (end > from && tokens[end - 1]!.word && (FR_AUX.has(tokens[end - 1]!.key) || EN_AUX.has(tokens[end - 1]!.key))) end--;
      } else break;
    } else break;
  }
  const boundary = (k: number): boolean => {
    const t = tokens[k]!;
    if (!t.word && t.text === '.' && k > from && (isAbbreviation(tokens[k - 1]!.key) || isInitialDot(tokens, k))) return false; // "Sen. Rand Paul", "U.S. officials"
    if (!t.word) return isComma(t) || isQuote(t) || isTerminalToken(t) || t.text === ':' || t.text === '(' || t.text === ')';
    return ['that', 'and', 'but', 'que', "qu'", 'et', 'mais', 'while', 'tandis', 'whereas', 'because', 'parce', 'car', 'as'].includes(t.key);
  };
  let start = end;
  while (start > from && !boundary(start - 1) && end - start < MAX_NP) start--;
  if (start === end) {
    // "Smith, an analyst at X, said" / "X, who heads Y, said": an appositive or
    // relative clause sits between the subject and the cue.
    if (end - 1 > from && isComma(tokens[end - 1])) {
      let s1 = end - 1;
      while (s1 > from && !boundary(s1 - 1) && end - s1 < 2 * MAX_NP) s1--;
      if (s1 > from && isComma(tokens[s1 - 1])) {
        let s0 = s1 - 1;
        while (s0 > from && !boundary(s0 - 1) && s1 - s0 <= MAX_NP) s0--;
        const relative = lex.relativePronouns.has(tokens[s1]!.key);
        // "the family's lawyer, Sam Davis, said": a description whose appositive is the name.
        const named = /^\p{Lu}/u.test(tokens[s0]!.text) || (!relative && hasCapitalised(tokens, s1, end - 1));
        if (s0 < s1 - 1 && named) return { start: s0, end: relative ? s1 - 1 : end - 1 };
      }
    }
    return null;
  }
  // Conjunctions/adverbs opening the sentence are not part of the speaker.
  while (start < end && tokens[start]!.word && ['but', 'and', 'however', 'meanwhile', 'mais', 'et', 'cependant', 'pourtant'].includes(tokens[start]!.key)) start++;
  if (start >= end) return null;
  // "Last year he added", "In a statement issued from his cell he said": a subject pronoun
  // right before the verb is the subject; the words before it are an adverbial.
  if (end - start > 1 && SUBJECT_PRONOUNS.has(tokens[end - 1]!.key)) return { start: end - 1, end };
  if (end - start >= MAX_NP) return null;
  return { start, end };
}
