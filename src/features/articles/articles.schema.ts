import { z } from 'zod';
import { ValidationError } from '../../errors.ts';

export const ARTICLE_LANGUAGES = ['ar', 'en', 'fr'] as const;
export type ArticleLanguage = (typeof ARTICLE_LANGUAGES)[number];

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is limited to ${max} characters.`)
    .optional()
    .transform((value) => value || undefined);

export const articleFormSchema = z.object({
  title: optionalText(300, 'The title'),
  language: z
    .enum(['auto', ...ARTICLE_LANGUAGES], { message: 'Choose Arabic, English, French or automatic detection.' })
    .optional()
    .transform((value) => (value === 'auto' ? undefined : value)),
  publisher: optionalText(200, 'The publisher name'),
  sourceUrl: optionalText(2000, 'The source URL').refine(
    (value) => value === undefined || /^https?:\/\/[^\s]+$/i.test(value),
    'The source URL must start with http:// or https://.',
  ),
  publishedAt: optionalText(40, 'The publication date').refine(
    (value) => value === undefined || !Number.isNaN(Date.parse(value)),
    'The publication date is not a valid date.',
  ),
  text: z.string().optional().default(''),
});

export type ArticleForm = z.infer<typeof articleFormSchema>;

/** Form values as submitted, kept to re-render the form when it is refused. */
export type ArticleFormValues = Partial<Record<keyof ArticleForm, string>>;

export function parseArticleForm(body: unknown): ArticleForm {
  const parsed = articleFormSchema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  throw new ValidationError(errors);
}

/** The fields an editor may correct; the body is not among them: claims are anchored to offsets in it. */
export const articleEditSchema = z.object({
  title: z
    .string({ message: 'Give the article a title.' })
    .trim()
    .min(1, 'Give the article a title.')
    .max(300, 'The title is limited to 300 characters.'),
  language: z.enum(ARTICLE_LANGUAGES, { message: 'Choose Arabic, English or French.' }),
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
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  throw new ValidationError(errors);
}
