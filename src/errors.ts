/** Domain errors. src/http/error-handler.ts is the one place that maps them to HTTP statuses. */
import { msg, type LocalizedText } from './i18n/translate.ts';

/**
 * Words for the person who made the request: a catalogue message, put into the reader's language where the
 * page is made, or plain text from code not localized yet. Its string form is English, for logs and the API.
 */
export type UserMessage = string | LocalizedText;

export class NotFoundError extends Error {
  constructor(readonly entity: string, readonly id: string) {
    super(`${entity} ${id} was not found`);
  }
}

export type FieldErrors = Record<string, UserMessage>;

export class ValidationError extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super(Object.values(fieldErrors).join(' '));
  }
}

/** Input rejected as a whole (too large, not text, not UTF-8), before any field makes sense. */
export class InputRejectedError extends Error {
  constructor(readonly status: 400 | 413 | 415, readonly text: UserMessage) {
    super(String(text));
  }
}

export class ConflictError<Current = unknown> extends Error {
  constructor(readonly text: UserMessage, readonly current: Current) {
    super(String(text));
  }
}

/** Something that existed and is no longer available, such as a revoked or expired share link. */
export class GoneError extends Error {
  constructor(readonly entity: string) {
    super(`${entity} is no longer available`);
  }
}

/** A claim without a rated verdict cannot be published as a ClaimReview. */
export class NoVerdictError extends Error {}

/** Too much of a bounded resource is in use (password checks); the request may be retried shortly. */
export class BusyError extends Error {
  constructor(readonly retryAfterSeconds: number, readonly text: UserMessage = msg('errors.busy.message')) {
    super(String(text));
  }
}

/** A ClaimReview must point at a public page that carries it: the claim's fact-check is not published. */
export class NotPublishedError extends Error {}
