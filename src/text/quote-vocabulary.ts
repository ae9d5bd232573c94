import { foldForSearch } from './search.ts';

/**
 * The words that weigh differently in a quote's drift, per language. Lists are written as a desk writes
 * them (hamza, accents) and folded once here, so they match the folded words of any spelling.
 *
 * - negations and modals/hedges turn a statement around ("will" → "may", "did" → "did not"): weighted up;
 * - number words change a figure like digits do: weighted up;
 * - stop words (articles, prepositions, pronouns, auxiliaries) carry little meaning: weighted down.
 *
 * A word is looked up in every language's lists at once: Arabic and Latin words cannot collide, and the
 * few English/French collisions are harmless. Ambiguous words are left out (French "plus" and "personne",
 * English "can" is kept as a modal).
 */
const NEGATIONS = {
  ar: ['لا', 'لم', 'لن', 'ليس', 'ليست', 'ليسوا', 'لسنا', 'لست', 'ما', 'غير', 'دون', 'بدون', 'عدم'],
  en: ['not', 'no', 'never', 'none', 'nothing', 'nobody', 'neither', 'nor', 'without', 'cannot', 'nowhere'],
  fr: ['ne', 'pas', 'jamais', 'aucun', 'aucune', 'rien', 'ni', 'sans', 'nullement', 'guère'],
} as const;

const MODALS = {
  ar: ['قد', 'ربما', 'يمكن', 'يمكنه', 'يمكنها', 'يمكنهم', 'ممكن', 'محتمل', 'يحتمل', 'سوف', 'لعل', 'يجب', 'ينبغي', 'يبدو', 'احتمال', 'يتوقع', 'متوقع'],
  en: [
    'may', 'might', 'could', 'would', 'can', 'should', 'must', 'will', 'shall', 'perhaps', 'possibly', 'probably',
    'likely', 'unlikely', 'maybe', 'allegedly', 'reportedly', 'apparently', 'seems', 'expected',
  ],
  fr: [
    'pourrait', 'pourraient', 'pourra', 'pourront', 'peut', 'peuvent', 'devrait', 'devraient', 'doit', 'doivent',
    'probablement', 'éventuellement', 'possible', 'possiblement', 'semble', 'semblent', 'serait', 'seraient',
    'aurait', 'auraient', 'risque',
  ],
} as const;

const NUMBER_WORDS = {
  ar: [
    'واحد', 'واحدة', 'اثنان', 'اثنين', 'ثلاث', 'ثلاثة', 'أربع', 'أربعة', 'خمس', 'خمسة', 'ست', 'ستة', 'سبع', 'سبعة',
    'ثمان', 'ثمانية', 'تسع', 'تسعة', 'عشر', 'عشرة', 'عشرون', 'عشرين', 'مئة', 'مائة', 'مئات', 'ألف', 'آلاف', 'مليون',
    'ملايين', 'مليار', 'مليارات', 'نصف', 'ربع', 'ثلث', 'ضعف', 'أضعاف', 'بالمئة', 'بالمائة',
  ],
  en: [
    'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty',
    'thirty', 'forty', 'fifty', 'hundred', 'hundreds', 'thousand', 'thousands', 'million', 'millions', 'billion',
    'billions', 'half', 'quarter', 'third', 'dozen', 'double', 'twice', 'triple', 'percent',
  ],
  fr: [
    'deux', 'trois', 'quatre', 'cinq', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze', 'vingt', 'trente', 'quarante',
    'cinquante', 'cent', 'cents', 'mille', 'million', 'millions', 'milliard', 'milliards', 'moitié', 'quart', 'tiers',
    'douzaine', 'double', 'triple',
  ],
} as const;

const STOP_WORDS = {
  ar: [
    'في', 'من', 'إلى', 'على', 'عن', 'أن', 'إن', 'أنه', 'أنها', 'إنه', 'إنها', 'هذا', 'هذه', 'ذلك', 'تلك', 'التي',
    'الذي', 'الذين', 'هو', 'هي', 'هم', 'نحن', 'أو', 'ثم', 'مع', 'كان', 'كانت', 'يكون', 'تكون', 'عند', 'بين',
    'كل', 'بعد', 'قبل', 'حتى', 'أي', 'كما', 'لقد', 'فقد', 'وقد', 'لكن', 'لكنه', 'حيث', 'إذا', 'أيضا', 'فيه', 'فيها',
    'منه', 'منها', 'عليه', 'عليها', 'له', 'لها', 'لهم', 'به', 'بها', 'و', 'ف', 'ب', 'ل', 'ك',
  ],
  en: [
    'a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'for', 'by', 'with', 'from', 'and', 'or', 'but', 'is', 'are',
    'was', 'were', 'be', 'been', 'being', 'am', 'that', 'this', 'these', 'those', 'it', 'its', 'as', 'he', 'she',
    'they', 'we', 'i', 'you', 'his', 'her', 'their', 'our', 'has', 'have', 'had', 'do', 'does', 'did', 'so', 'than',
    'then', 'there', 'which', 'who', 'whom', 'also', 'into', 'over', "'s", "'re", "'ve", "'ll", "'d", "'m",
  ],
  fr: [
    'le', 'la', 'les', 'de', 'du', 'des', 'un', 'une', 'et', 'ou', 'à', 'au', 'aux', 'en', 'dans', 'sur',
    'pour', 'par', 'que', 'qui', 'est', 'sont', 'a', 'ont', 'été', 'être', 'ce', 'cet', 'cette', 'ces', 'il',
    'elle', 'ils', 'elles', 'se', 'son', 'sa', 'ses', 'leur', 'leurs', 'nous', 'vous', 'je', 'on', 'y', 'me', 'te',
    'avec', 'mais', 'donc', 'aussi', 'lui',
  ],
} as const;

export type QuoteWordKind = 'negation' | 'modal' | 'number' | 'stop' | 'content';

/** How much a changed word of each kind counts towards a quote's drift. */
export const QUOTE_WORD_WEIGHTS: Readonly<Record<QuoteWordKind, number>> = {
  negation: 8,
  modal: 5,
  number: 5,
  content: 1,
  stop: 0.2,
};

function foldedSet(lists: Record<string, readonly string[]>): ReadonlySet<string> {
  return new Set(Object.values(lists).flatMap((words) => words.map((word) => foldForSearch(word))));
}

const KINDS: ReadonlyArray<[QuoteWordKind, ReadonlySet<string>]> = [
  ['negation', foldedSet(NEGATIONS)],
  ['modal', foldedSet(MODALS)],
  ['number', foldedSet(NUMBER_WORDS)],
  ['stop', foldedSet(STOP_WORDS)],
];

/** The kind of a folded word (digits are numbers whatever the language). */
export function quoteWordKind(folded: string): QuoteWordKind {
  if (/^\p{N}/u.test(folded)) return 'number';
  for (const [kind, words] of KINDS) if (words.has(folded)) return kind;
  return 'content';
}

/** True when the folded word is one of the vocabulary's function words (negation, modal, stop word). */
export function isFunctionWord(folded: string): boolean {
  const kind = quoteWordKind(folded);
  return kind === 'negation' || kind === 'modal' || kind === 'stop';
}
