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
