import { z } from 'zod';
import { ValidationError, type FieldErrors } from '../../errors.ts';
import { isMessageKey } from '../../i18n/messages/index.ts';
import { msg } from '../../i18n/translate.ts';

export const ARTICLE_LANGUAGES = ['ar', 'en', 'fr'] as const;
export type ArticleLanguage = (typeof ARTICLE_LANGUAGES)[number];

/** Zod carries a message as text: the schemas name catalogue keys, put into messages with the field's limit. */
const FIELD_LIMITS: Record<string, number> = { title: 300, publisher: 200, sourceUrl: 2000, publishedAt: 40 };

const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((value) => value || undefined);

export const articleFormSchema = z.object({
  title: optionalText(FIELD_LIMITS.title!, 'articles.invalid.titleLength'),
  language: z
    .enum(['auto', ...ARTICLE_LANGUAGES], { message: 'articles.invalid.language' })
    .optional()
    .transform((value) => (value === 'auto' ? undefined : value)),
  publisher: optionalText(FIELD_LIMITS.publisher!, 'articles.invalid.publisherLength'),
  sourceUrl: optionalText(FIELD_LIMITS.sourceUrl!, 'articles.invalid.sourceUrlLength').refine(
    (value) => value === undefined || /^https?:\/\/[^\s]+$/i.test(value),
    'articles.invalid.sourceUrl',
  ),
  publishedAt: optionalText(FIELD_LIMITS.publishedAt!, 'articles.invalid.publishedLength').refine(
    (value) => value === undefined || !Number.isNaN(Date.parse(value)),
    'articles.invalid.publishedAt',
  ),
  text: z.string().optional().default(''),
});

export type ArticleForm = z.infer<typeof articleFormSchema>;

/** Form values as submitted, kept to re-render the form when it is refused. */
export type ArticleFormValues = Partial<Record<keyof ArticleForm, string>>;

export function parseArticleForm(body: unknown): ArticleForm {
  const parsed = articleFormSchema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw new ValidationError(fieldErrorsOf(parsed.error.issues));
}

/** The fields an editor may correct; the body is not among them: claims are anchored to offsets in it. */
export const articleEditSchema = z.object({
  title: z
    .string({ message: 'articles.invalid.titleMissing' })
    .trim()
    .min(1, 'articles.invalid.titleMissing')
    .max(FIELD_LIMITS.title!, 'articles.invalid.titleLength'),
  language: z.enum(ARTICLE_LANGUAGES, { message: 'articles.invalid.editLanguage' }),
  publisher: articleFormSchema.shape.publisher,
  sourceUrl: articleFormSchema.shape.sourceUrl,
  publishedAt: articleFormSchema.shape.publishedAt,
});

export type ArticleEdit = z.infer<typeof articleEditSchema>;

export const ARTICLE_EDIT_FIELDS = ['title', 'language', 'publisher', 'sourceUrl', 'publishedAt'] as const;

/** Edit form values as submitted, kept to re-render the form when it is refused. */
export type ArticleEditValues = Partial<Record<(typeof ARTICLE_EDIT_FIELDS)[number], string>>;

export function parseArticleEdit(body: unknown): ArticleEdit {
  const parsed = articleEditSchema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw new ValidationError(fieldErrorsOf(parsed.error.issues));
}

/** The first refusal of each field, as a message in the catalogues (zod's own text where it has no key). */
function fieldErrorsOf(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= isMessageKey(issue.message) ? msg(issue.message, { max: FIELD_LIMITS[field] ?? 0 }) : issue.message;
  }
  return errors;
}
