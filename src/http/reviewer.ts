import type { RequestHandler } from 'express';
import { refererPath } from './referer.ts';

export const REVIEWER_COOKIE = 'isnad_reviewer';
export const ANONYMOUS_REVIEWER = 'anonymous';
const MAX_REVIEWER_NAME = 80;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      reviewer: string;
    }
  }
}

export function cleanReviewerName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.replace(/[\u0000-\u001F\u007F]/g, '').replace(/\s+/g, ' ').trim().slice(0, MAX_REVIEWER_NAME);
  return name || undefined;
}

/** The name recorded in the audit trail for this browser's changes. */
export const identifyReviewer: RequestHandler = (req, res, next) => {
  res.locals.reviewer = cleanReviewerName(req.cookies?.[REVIEWER_COOKIE]) ?? ANONYMOUS_REVIEWER;
  next();
};

/** Remembers the reviewer's name in this browser; accounts replace it when sign-in exists. */
export const setReviewerName: RequestHandler = (req, res) => {
  const name = cleanReviewerName(req.body?.name);
  if (name) res.cookie(REVIEWER_COOKIE, name, { httpOnly: true, sameSite: 'lax', maxAge: 365 * 24 * 3600 * 1000 });
  else res.clearCookie(REVIEWER_COOKIE);
  res.redirect(303, refererPath(req, '/'));
};
