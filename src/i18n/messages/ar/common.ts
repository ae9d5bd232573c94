import type { CatalogueOf } from '../types.ts';
import type { common as english } from '../en/common.ts';

export const common: CatalogueOf<typeof english> = {
  'app.name': 'إسناد',
  'nav.label': 'التنقل الرئيسي',
  'nav.claims': 'الادعاءات',
  'nav.queue': 'قائمتي',
  'nav.articles': 'المقالات',
  'nav.activity': 'النشاط',
  'nav.addArticle': 'إضافة مقال',
  'nav.users': 'المستخدمون',
  'nav.ratings': 'سلّم التقييم',
  'nav.password': 'كلمة المرور',
  'nav.tokens': 'رموز الواجهة البرمجية',
  'nav.signOut': 'تسجيل الخروج',
  'search.boxLabel': 'البحث في الادعاءات والمقالات والمتحدثين والوسائل',
  'search.boxPlaceholder': 'بحث',
  'search.boxButton': 'بحث',
  'language.label': 'اللغة',
  'role.viewer': 'مطّلع',
  'role.reviewer': 'مراجع',
  'role.editor': 'محرر',
  'role.admin': 'مدير',
};
