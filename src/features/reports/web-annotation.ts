import { STATUS_INFO, isClaimStatus } from '../claims/claim-status.ts';

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
    /** The page the article was taken from, when known. */
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
  /** The article text as stored, which the positions refer to. */
  articleBody: string;
  articleSourceUrl: string | null;
  claim: { id: string; startOffset: number; endOffset: number; status: string; attributionStatus: string };
  /** Absolute URL of this annotation, and of the article text it anchors in. */
  id: string;
  source: string;
  organizationName: string;
  created: string;
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
    isClaimStatus(claim.status) ? STATUS_INFO[claim.status].en : claim.status,
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
      source: input.source,
      ...(input.articleSourceUrl ? { scope: input.articleSourceUrl } : {}),
      selector: [
        { type: 'TextQuoteSelector', exact, prefix: before.slice(-QUOTE_CONTEXT).join(''), suffix: after.slice(0, QUOTE_CONTEXT).join('') },
        { type: 'TextPositionSelector', start, end },
      ],
    },
  };
}
