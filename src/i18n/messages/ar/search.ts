import type { CatalogueOf } from '../types.ts';
import type { search as english } from '../en/search.ts';

export const search: CatalogueOf<typeof english> = {
  'search.page.title': 'البحث',
  'search.page.label': 'كلمات أو أسماء أو "عبارة بين علامتي تنصيص"',
  'search.page.submit': 'ابحث',
  'search.page.hint': 'لا تهمّ اختلافات الإملاء ولا الحركات ولا حالة الأحرف اللاتينية ولا السوابق و ف ب ل ال؛ والعبارة بين علامتي تنصيص يُبحث عنها كلمةً كلمة.',
  'search.page.claims': 'الادعاءات',
  'search.page.articles': 'المقالات',
  'search.page.speakers': 'المتحدثون',
  'search.page.outlets': 'وسائل الإعلام',
  'search.page.matches': {
    zero: 'لا نتائج',
    one: 'نتيجة واحدة',
    two: 'نتيجتان',
    few: '{count} نتائج',
    many: '{count} نتيجة',
    other: '{count} نتيجة',
  },
  'search.page.atLeast': '{count}+ نتيجة',
  'search.page.nothing': 'لا شيء هنا يطابق البحث.',
  'search.page.allClaims': {
    zero: 'لا ادعاءات في لوحة الادعاءات',
    one: 'الادعاء في لوحة الادعاءات',
    two: 'الادعاءان في لوحة الادعاءات',
    few: 'الادعاءات الـ{count} كلها في لوحة الادعاءات',
    many: 'الادعاءات الـ{count} كلها في لوحة الادعاءات',
    other: 'الادعاءات الـ{count} كلها في لوحة الادعاءات',
  },
  'search.page.allClaimsAtLeast': 'كل الادعاءات ({count}+) في لوحة الادعاءات',
  'search.page.aliases': 'ويُعرف أيضًا بـ:',
  'search.page.unknownSpeaker': 'متحدث غير معروف',
  'search.problem.tooLong': 'طول البحث {length} حرفًا، والحد الأقصى {max}.',
  'search.problem.tooManyParts': 'في البحث {parts} من الكلمات والعبارات، والحد الأقصى {max}.',
  'search.problem.nothingToFind': 'لا يحوي البحث حرفًا ولا رقمًا يُبحث عنه.',
  'search.problem.notText': 'اكتب البحث مرة واحدة، نصًّا.',
};
