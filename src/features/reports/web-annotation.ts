import { NotPublishedError } from '../../errors.ts';

/** W3C Web Annotation (https://www.w3.org/TR/annotation-model/) anchoring one claim to its span. */
export interface ClaimAnnotation {
  '@context': 'http://www.w3.org/ns/anno.jsonld';
  id: string;
  type: 'Annotation';
  motivation: 'assessing';
  created: string;
  creator: { type: 'Organization'; name: string };
  body: Array<{ type: 'TextualBody'; purpose: 'assessing' | 'tagging'; value: string; language: string; format: 'text/plain' }>;
  target: {
    source: string;
    /** text/plain when the source is Isnad's public copy of the text; a publisher's page has its own. */
    format?: 'text/plain';
    /** The article's language (BCP 47). */
    language: string;
    /** The page the article was taken from, when the source is Isnad's copy of its text. */
    scope?: string;
    selector: [TextQuoteSelector, TextPositionSelector];
  };
}

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface AnnotationInput {
  /** The article text as its public copy serves it, which the positions refer to. */
  articleBody: string;
  articleSourceUrl: string | null;
  articleLanguage: string;
  /** statusName: the verification label's English name in the desk's rating scale. */
  claim: { id: string; startOffset: number; endOffset: number; status: string; statusName: string; attributionStatus: string };
  /** Absolute URL of this annotation. */
  id: string;
  /** Absolute URL of Isnad's public plain-text copy of the article, when it has one. */
  publicText: string | null;
  organizationName: string;
  created: string;
}

/** The text the annotation is about: Isnad's public copy of it when there is one, else the publisher's page. */
function annotationSource(input: AnnotationInput): Pick<ClaimAnnotation['target'], 'source' | 'format' | 'scope'> {
  if (input.publicText) return { source: input.publicText, format: 'text/plain', ...(input.articleSourceUrl ? { scope: input.articleSourceUrl } : {}) };
  if (input.articleSourceUrl) return { source: input.articleSourceUrl };
  throw new NotPublishedError(
    'A Web Annotation needs a public source: this article has no source URL and the claim’s fact-check is not published. Publish it from the claim’s report page, or share the report and use the shared link’s annotation.',
  );
}

/** Code points of context on each side of the quote: enough to tell repeated quotes apart. */
export const QUOTE_CONTEXT = 32;

/**
 * The spec counts positions in Unicode code points, not in JavaScript's UTF-16 units: an emoji
 * before the claim moves its start by one, not two.
 */
export function buildClaimAnnotation(input: AnnotationInput): ClaimAnnotation {
  const { articleBody: body, claim } = input;
  const before = Array.from(body.slice(0, claim.startOffset));
  const exact = body.slice(claim.startOffset, claim.endOffset);
  const after = Array.from(body.slice(claim.endOffset));
  const start = before.length;
  const end = start + Array.from(exact).length;
  const verdicts = [
    claim.statusName,
    `attribution: ${claim.attributionStatus.replace(/_/g, ' ')}`,
  ];
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: input.id,
    type: 'Annotation',
    motivation: 'assessing',
    created: input.created,
    creator: { type: 'Organization', name: input.organizationName },
    body: verdicts.map((value, index) => ({ type: 'TextualBody', purpose: index === 0 ? 'assessing' : 'tagging', value, language: 'en', format: 'text/plain' })),
    target: {
      ...annotationSource(input),
      language: input.articleLanguage,
      selector: [
        { type: 'TextQuoteSelector', exact, prefix: before.slice(-QUOTE_CONTEXT).join(''), suffix: after.slice(0, QUOTE_CONTEXT).join('') },
        { type: 'TextPositionSelector', start, end },
      ],
    },
  };
}
