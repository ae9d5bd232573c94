// Public shapes returned by the extraction engine. The ingestion service
// persists these as-is, so every offset refers to the caller's original string.

export type Language = 'ar' | 'en' | 'fr';
export type ClaimKind = 'factual' | 'opinion' | 'question' | 'prediction';
export type OutletRole = 'original' | 'interview' | 'republished' | 'distributed' | 'photo_credit';
export type OutletKind = 'newspaper' | 'agency' | 'broadcaster' | 'channel' | 'website';
export type SpeakerKind = 'person' | 'organization' | 'unnamed';
export type NoiseReason =
  | 'related_headline'
  | 'photo_credit'
  | 'caption'
  | 'share_link'
  | 'byline'
  | 'teaser'
  | 'masthead';

export interface ExtractOptions {
  language?: Language;
  publisher?: string;
}

export interface ExtractedSpeaker {
  name: string;
  aliases: string[];
  unnamed: boolean;
  kind: SpeakerKind;
  role: string | null;
}

export interface ExtractedOutlet {
  name: string;
  kind: OutletKind;
  role: OutletRole;
  url: string | null;
  order: number;
  aliases: string[];
}

export interface ClaimOutlet {
  name: string;
  role: OutletRole;
  order: number;
  url: string | null;
}

/** The words a claim's speaker was resolved from: a name, a role noun, a pronoun, or the cue verb of a zero subject. */
export interface SpeakerMention {
  start: number;
  end: number;
  text: string;
}

export interface ExtractedClaim {
  text: string;
  start: number;
  end: number;
  prefix: string;
  suffix: string;
  speaker: { name: string; aliases: string[]; unnamed: boolean; mention?: SpeakerMention };
  cue: string;
  outlets: ClaimOutlet[];
  kind: ClaimKind;
  checkworthiness: number;
}

export interface NoiseSpan {
  start: number;
  end: number;
  reason: NoiseReason;
  text: string;
}

export interface ExtractionResult {
  language: Language;
  claims: ExtractedClaim[];
  speakers: ExtractedSpeaker[];
  outlets: ExtractedOutlet[];
  noise: NoiseSpan[];
}
