import type { Prepared } from './prepared.ts';
import type { Token } from './tokens.ts';
import { foldKey } from './normalize.ts';

// English and French verb phrases joined to an earlier one by "and"/"but"/"et"/"mais":
// "The police kept the crowd back, and said they had arrested 19 people",
// "X a apporté son soutien mais a prévenu que …". The speaker is the subject opening the
// sentence, or, when an earlier cue of the sentence already has one, that cue's speaker.

const COORDINATORS = new Set(['and', 'but', 'et', 'mais']);
const LINKS = new Set(['the', 'of', "'s", 'de', 'du', 'des', 'la', 'le', 'les', "l'", "d'"]);
/** Words that open an adverbial phrase or an impersonal clause, not a subject: "Despite the talks, …". */
const NON_SUBJECT_OPENERS = new Set(
  [
  // Expletive and demonstrative subjects name no speaker: "C'est ce qu'a déclaré …", "It was …".
  "c'", 'ce', 'cela', 'ça', 'ceci', 'this', 'that', 'there', 'these', 'those',
  'despite', 'after', 'before', 'in', 'on', 'at', 'during', 'while', 'when', 'although', 'though', 'as', 'with', 'for',
  'from', 'under', 'since', 'following', 'amid', 'if', 'à', 'au', 'aux', 'malgré', 'après', 'avant', 'dans', 'en', 'pendant', 'lors', 'depuis', 'selon', 'pour', 'sur',
  ].map(foldKey),
);
const MAX_SUBJECT = 8;

/** Does a coordinator ("and", ", but", "mais") sit right before the cue at cueTok? */
export function isCoordinatedCue(tokens: readonly Token[], cueTok: number, from: number): boolean {
  const t = tokens[cueTok - 1];
  return cueTok - 1 > from && !!t && t.word && COORDINATORS.has(t.key);
}

/**
 * The subject phrase opening the sentence [from, …): capitalised words, role or institution
 * heads and the links between them, ended by the first other word. Null when the sentence opens
 * with an adverbial phrase or no such word is found.
 */
export function sentenceSubject(tokens: readonly Token[], from: number, to: number, lex: Prepared): { start: number; end: number } | null {
  let s = from;
  while (s < to && !tokens[s]!.word) s++;
  const first = tokens[s];
  if (!first || NON_SUBJECT_OPENERS.has(first.key)) return null;
  let e = s;
  let anchored = false;
  while (e < to && e - s < MAX_SUBJECT) {
    const t = tokens[e]!;
    if (!t.word) break;
    const head = /^\p{Lu}/u.test(t.text) || lex.institutionHeads.has(t.key) || lex.roleNouns.has(t.key) || lex.unnamedHeads.has(t.key);
    if (!head && !LINKS.has(t.key)) break;
    anchored ||= head;
    e++;
  }
  while (e > s && LINKS.has(tokens[e - 1]!.key)) e--;
  const next = tokens[e];
  // The subject is followed by its own verb phrase or by an appositive ("X, le chef de …, a …").
  if (!anchored || e === s || !next || !(next.word || next.text === ',')) return null;
  return { start: s, end: e };
}
