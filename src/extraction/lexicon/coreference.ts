import type { Language } from '../types.ts';

// Words that let a later mention agree, or disagree, with someone named
// earlier in the article: nationality adjectives (a "Jordanian minister" is
// not the Egyptian one) and the words that mark a person's grammatical gender
// ("she", "Mme", "spokeswoman"). Arabic marks gender on the verb and the noun
// itself (قالت، المتحدثة), which the engine reads without a list. Write entries
// in normal spelling: they are folded like the text. Add a country as one
// entry with every form in every language (Arabic masculine singular only:
// feminine and plural endings are stripped before matching).

export interface Demonym {
  /** Short key naming the country; two mentions agree when their keys are equal. */
  country: string;
  forms: string[];
}

export const demonyms: Demonym[] = [
  { country: 'us', forms: ['أمريكي', 'أميركي', 'امريكي', 'American', 'US', 'U.S.', 'américain', 'américaine', 'américains', 'Americans'] },
  { country: 'ru', forms: ['روسي', 'Russian', 'russe', 'russes'] },
  { country: 'eg', forms: ['مصري', 'Egyptian', 'égyptien', 'égyptienne'] },
  { country: 'jo', forms: ['أردني', 'Jordanian', 'jordanien', 'jordanienne'] },
  { country: 'tr', forms: ['تركي', 'Turkish', 'turc', 'turque'] },
  { country: 'ir', forms: ['إيراني', 'Iranian', 'iranien', 'iranienne'] },
  { country: 'sa', forms: ['سعودي', 'Saudi', 'saoudien', 'saoudienne'] },
  { country: 'fr', forms: ['فرنسي', 'French', 'français', 'française'] },
  { country: 'gb', forms: ['بريطاني', 'British', 'britannique'] },
  { country: 'cn', forms: ['صيني', 'Chinese', 'chinois', 'chinoise'] },
  { country: 'il', forms: ['إسرائيلي', 'Israeli', 'israélien', 'israélienne'] },
  { country: 'ps', forms: ['فلسطيني', 'Palestinian', 'palestinien', 'palestinienne'] },
  { country: 'qa', forms: ['قطري', 'Qatari', 'qatari', 'qatarie'] },
  { country: 'sy', forms: ['سوري', 'Syrian', 'syrien', 'syrienne'] },
  { country: 'iq', forms: ['عراقي', 'Iraqi', 'irakien', 'irakienne'] },
  { country: 'de', forms: ['ألماني', 'German', 'allemand', 'allemande'] },
  { country: 'lb', forms: ['لبناني', 'Lebanese', 'libanais', 'libanaise'] },
  { country: 'ae', forms: ['إماراتي', 'Emirati', 'émirati', 'émiratie'] },
  { country: 'ye', forms: ['يمني', 'Yemeni', 'yéménite'] },
  { country: 'ly', forms: ['ليبي', 'Libyan', 'libyen', 'libyenne'] },
  { country: 'tn', forms: ['تونسي', 'Tunisian', 'tunisien', 'tunisienne'] },
  { country: 'dz', forms: ['جزائري', 'Algerian', 'algérien', 'algérienne'] },
  { country: 'ma', forms: ['مغربي', 'Moroccan', 'marocain', 'marocaine'] },
  { country: 'sd', forms: ['سوداني', 'Sudanese', 'soudanais', 'soudanaise'] },
  { country: 'kw', forms: ['كويتي', 'Kuwaiti', 'koweïtien', 'koweïtienne'] },
  { country: 'bh', forms: ['بحريني', 'Bahraini', 'bahreïni', 'bahreïnie'] },
  { country: 'om', forms: ['عماني', 'Omani', 'omanais', 'omanaise'] },
  { country: 'af', forms: ['أفغاني', 'Afghan', 'afghan', 'afghane'] },
  { country: 'pk', forms: ['باكستاني', 'Pakistani', 'pakistanais', 'pakistanaise'] },
  { country: 'in', forms: ['هندي', 'Indian', 'indien', 'indienne'] },
  { country: 'jp', forms: ['ياباني', 'Japanese', 'japonais', 'japonaise'] },
  { country: 'kp', forms: ['كوري شمالي', 'North Korean', 'nord-coréen', 'nord-coréenne'] },
  { country: 'kr', forms: ['كوري جنوبي', 'South Korean', 'sud-coréen', 'sud-coréenne'] },
  { country: 'it', forms: ['إيطالي', 'Italian', 'italien', 'italienne'] },
  { country: 'es', forms: ['إسباني', 'Spanish', 'espagnol', 'espagnole'] },
  { country: 'gr', forms: ['يوناني', 'Greek', 'grec', 'grecque'] },
  { country: 'ua', forms: ['أوكراني', 'Ukrainian', 'ukrainien', 'ukrainienne'] },
  { country: 'ca', forms: ['كندي', 'Canadian', 'canadien', 'canadienne'] },
  { country: 'ch', forms: ['سويسري', 'Swiss', 'suisse'] },
  { country: 'be', forms: ['بلجيكي', 'Belgian', 'belge'] },
  { country: 'nl', forms: ['هولندي', 'Dutch', 'néerlandais', 'néerlandaise'] },
  { country: 'au', forms: ['أسترالي', 'Australian', 'australien', 'australienne'] },
  { country: 'ng', forms: ['نيجيري', 'Nigerian', 'nigérian', 'nigériane'] },
  { country: 'bd', forms: ['بنغلاديشي', 'Bangladeshi', 'bangladais', 'bangladaise'] },
];

export interface GenderWords {
  /** Pronouns, honorifics and role words that mark a woman. */
  feminine: string[];
  /** Pronouns, honorifics and role words that mark a man. */
  masculine: string[];
  /** Pronouns that refer to a group. */
  plural: string[];
}

export const genderWords: Record<Language, GenderWords> = {
  en: {
    feminine: ['she', 'herself', 'mrs', 'ms', 'miss', 'madam', 'lady', 'queen', 'princess', 'spokeswoman', 'chairwoman', 'congresswoman', 'businesswoman', 'actress', 'mother', 'wife', 'daughter', 'sister', 'woman'],
    masculine: ['he', 'himself', 'mr', 'sir', 'lord', 'king', 'prince', 'spokesman', 'chairman', 'congressman', 'businessman', 'father', 'husband', 'son', 'brother', 'man'],
    plural: ['they'],
  },
  fr: {
    feminine: ['elle', 'celle-ci', 'cette dernière', 'mme', 'madame', 'mlle', 'mademoiselle', 'la', 'présidente', 'directrice', 'ambassadrice', 'avocate', 'reine', 'princesse', 'mère', 'femme', 'fille'],
    masculine: ['il', 'celui-ci', 'ce dernier', 'm', 'monsieur', 'le', 'président', 'directeur', 'ambassadeur', 'avocat', 'roi', 'prince', 'père', 'homme', 'fils'],
    plural: ['ils', 'elles', 'ceux-ci', 'celles-ci'],
  },
  ar: {
    feminine: ['هي', 'لكنها', 'بدورها', 'السيدة'],
    masculine: ['هو', 'لكنه', 'بدوره', 'السيد'],
    // Broken plurals heading unnamed sources ("قالت مصادر"): sound plurals (ون، ين، ات) need no entry.
    plural: ['هم', 'لكنهم', 'بدورهم', 'مصادر', 'خبراء', 'شهود', 'سكان', 'أوساط', 'وزراء', 'مسؤولو', 'أطباء', 'نشطاء', 'قادة', 'زعماء', 'أعضاء'],
  },
};

/**
 * Nouns of a time adverbial that may close an Arabic speaker phrase after في
 * ("قال الرئيس X في وقت لاحق"): the adverbial is cut off, it never names anyone.
 */
export const timeAdverbialNouns: string[] = ['وقت', 'لاحق', 'سابق', 'متأخر', 'مبكر', 'وقتا', 'ساعة', 'ساعات', 'وقتٍ'];

/**
 * Titles that name the same office ("رئيس الوزراء" and "رئيس الحكومة"): a later mention by
 * one finds the person introduced with the other. The first spelling of a group is canonical.
 */
export const titleSynonyms: Record<Language, string[][]> = {
  ar: [['رئيس الوزراء', 'رئيس الحكومة'], ['متحدث', 'ناطق']],
  en: [['prime minister', 'head of government']],
  fr: [['premier ministre', 'chef du gouvernement', 'chef de gouvernement']],
};

/**
 * Partitives that pick members of a group named before ("أحدهم", "two of them", "l'un
 * d'eux"): the speaker is that group. Latin entries are the pronoun closing the phrase.
 */
export const partitivePronouns: Record<Language, string[]> = {
  ar: ['أحدهم', 'أحدهما', 'إحداهن', 'إحداهما', 'بعضهم', 'أحدهن'],
  en: ['them'],
  fr: ['eux', 'elles'],
};

/**
 * Verbs between a document and its issuer ("بيان أصدره المجلس", "تقرير نشرته الصحيفة"): the
 * issuer is read after them ("صادر عن X" is read as a source after عن elsewhere). Arabic only.
 */
export const documentIssuingWords: string[] = ['أصدره', 'أصدرته', 'أصدرها', 'أصدرتها', 'نشره', 'نشرته', 'وزعه', 'وزعته'];
