import type { CatalogueOf } from '../types.ts';
import type { sameClaim as english } from '../en/same-claim.ts';

export const sameClaim: CatalogueOf<typeof english> = {
  'sameClaim.title': 'الادعاء نفسه في مواضع أخرى',
  'sameClaim.none': 'لم يرد هذا الادعاء في أي مقال آخر حتى الآن.',
  'sameClaim.intro': {
    zero: 'لم يرد في أي مقال آخر.',
    one: 'ورد أيضًا في مقال آخر. الأقدم أولًا.',
    two: 'ورد أيضًا في مقالين آخرين. الأقدم أولًا.',
    few: 'ورد أيضًا في {count} مقالات أخرى. الأقدم أولًا.',
    many: 'ورد أيضًا في {count} مقالًا آخر. الأقدم أولًا.',
    other: 'ورد أيضًا في {count} مقال آخر. الأقدم أولًا.',
  },
  'sameClaim.more': {
    zero: 'ولا مواضع أخرى.',
    one: 'وموضع آخر.',
    two: 'وموضعان آخران.',
    few: 'و{count} مواضع أخرى.',
    many: 'و{count} موضعًا آخر.',
    other: 'و{count} موضع آخر.',
  },
  'sameClaim.thisClaim': 'هذا الادعاء',
  'sameClaim.unknownOutlet': 'وسيلة غير معروفة',
  'sameClaim.published': 'نُشر في {date}',
  'sameClaim.ingested': 'أُضيف في {date}',
  'sameClaim.alsoAttributedTo': 'منسوب أيضًا إلى {name}',

  'sameClaim.reuse.button': 'طبّق هذا الحكم: {status}',
  'sameClaim.reuse.done': 'طُبّق الحكم على هذا الادعاء، قرارًا مستقلًّا.',
  'sameClaim.reuse.already': 'لهذا الادعاء الحكم {status} من قبل.',
  'sameClaim.reuse.notFinal': 'لا يُطبَّق إلا حكم نهائي لموضع آخر.',
  'sameClaim.reuse.sameClaim': 'اختر موضعًا غير هذا الادعاء.',
  'sameClaim.reuse.left': 'لم يعد ذلك الموضع ضمن مجموعة هذا الادعاء. لم يتغيّر شيء.',
  'sameClaim.reuse.sourceChanged': 'تغيّر حكم الموضع الآخر في الأثناء، وصار {status}. لم يتغيّر شيء.',

  'sameClaim.suggestions.title': 'قد يكون الادعاء نفسه',
  'sameClaim.suggestions.intro': 'مطابقات قريبة لم يجزم بها الفهرس. أكّدها لتُدرج مع هذا الادعاء، أو ارفضها.',
  'sameClaim.suggestions.similarity': 'تشابه {percent}٪',
  'sameClaim.suggestions.confirm': 'تأكيد: الادعاء نفسه',
  'sameClaim.suggestions.reject': 'رفض: ادعاء مختلف',
  'sameClaim.suggestions.confirmed': 'أُكّدت المطابقة: صار الادعاءان مدرجَين معًا.',
  'sameClaim.suggestions.rejected': 'رُفضت المطابقة: لن تُقترح مرة أخرى.',
  'sameClaim.suggestions.alreadyConfirmed': 'أكّد أحد الزملاء هذه المطابقة في الأثناء.',
  'sameClaim.suggestions.alreadyRejected': 'رفض أحد الزملاء هذه المطابقة في الأثناء.',
  'sameClaim.suggestions.changed': 'بُتّ في هذه المطابقة في الأثناء.',
  'sameClaim.suggestions.gone': 'لم تعد هذه المطابقة مقترحة.',
  'sameClaim.suggestions.unknownDecision': 'أكّد المطابقة أو ارفضها.',

  'sameClaim.event.confirmed': '{actor} أكّد أن {claim} هو الادعاء نفسه',
  'sameClaim.event.rejected': '{actor} رفض {claim} بوصفه ادعاءً مختلفًا',
  'sameClaim.event.reused': '{actor} طبّق الحكم {status} المأخوذ من {claim}',
  'sameClaim.event.otherClaim': 'الادعاء نفسه في مقال آخر',
  'sameClaim.event.deletedClaim': 'ادعاء حُذف لاحقًا',

  'activity.action.cluster.confirm': 'تأكيد ادعاء مكرّر',
  'activity.action.cluster.reject': 'رفض مطابقة',
  'activity.action.claim.reuse_verdict': 'إعادة استخدام حكم',

  'sameClaim.filter.label': 'في مواضع أخرى',
  'sameClaim.filter.any': 'الكل',
  'sameClaim.filter.checked': 'تُحقّق منه في موضع آخر',
  'sameClaim.filter.new': 'جديد (لم يرد في موضع آخر)',
};
