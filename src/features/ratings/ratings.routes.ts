import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors, type UserMessage } from '../../errors.ts';
import { requireRole } from '../../http/auth.ts';
import { renderView } from '../../http/render.ts';
import { msg, NamedInBoth, type LocalizedText } from '../../i18n/translate.ts';
import { COLOUR_PATTERN, LABEL_CODE_PATTERN, badgeColours, type LabelLanguage, type RatingLabel, type RatingScale } from '../../domain/rating-scale.ts';
import {
  addRatingLabel,
  editRatingLabel,
  loadRatingScale,
  moveRatingLabel,
  removeRatingLabel,
  setRatingLabelRetired,
  type LabelConflict,
  type LabelForm,
} from './ratings.service.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The desk's rating scale, read for this request. */
      scale?: RatingScale;
    }
  }
}

/**
 * Reads the desk's scale for the request and gives templates its words: statusName(code) in the reader's
 * language (read when called, as the language may be settled after this runs), statusChoices(current) for
 * a select (the offered labels in order, and the current one if it was retired since).
 */
export function loadScaleForViews({ db }: Pick<AppDeps, 'db'>): RequestHandler {
  return async (_req, res, next) => {
    const scale = await loadRatingScale(db);
    const language = (): LabelLanguage => (res.locals.lang === 'ar' ? 'ar' : 'en');
    res.locals.scale = scale;
    res.locals.statusName = (code: string) => scale.name(code, language());
    res.locals.statusChoices = (current?: string) =>
      scale.labels.filter((label) => label.retiredAt === null || label.code === current).map((label) => label.code);
    next();
  };
}

/** The badges' colours, from the scale: a stylesheet (the CSP allows no inline style), its address versioned by the scale's fingerprint. */
export function ratingStylesheet({ db }: Pick<AppDeps, 'db'>): RequestHandler {
  return async (_req, res) => {
    const scale = await loadRatingScale(db);
    // Codes and colours are checked when written; a code that came from elsewhere (the migration keeps any
    // status it found) is left unstyled rather than written into a stylesheet.
    const styled = scale.labels.filter((label) => LABEL_CODE_PATTERN.test(label.code) && COLOUR_PATTERN.test(label.colour));
    const rules = styled.map((label) => {
      const { background, text } = badgeColours(label.colour);
      return `.badge.status-${label.code} { background: ${background}; color: ${text}; }\n.swatch.status-${label.code} { background: ${label.colour}; }`;
    });
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(`${rules.join('\n')}\n`);
  };
}

function field(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

function labelForm(req: Request): LabelForm {
  return {
    code: field(req, 'code'),
    nameEn: field(req, 'nameEn'),
    nameAr: field(req, 'nameAr'),
    colour: field(req, 'colour'),
    rated: field(req, 'rated') === '1',
    final: field(req, 'final') === '1',
    ratingValue: field(req, 'ratingValue'),
    alternateNameEn: field(req, 'alternateNameEn'),
    alternateNameAr: field(req, 'alternateNameAr'),
  };
}

function formOf(label: RatingLabel): LabelForm {
  return {
    code: label.code,
    nameEn: label.name.en,
    nameAr: label.name.ar,
    colour: label.colour,
    rated: label.rated,
    final: label.final,
    ratingValue: label.ratingValue === null ? '' : String(label.ratingValue),
    alternateNameEn: label.alternateName.en ?? '',
    alternateNameAr: label.alternateName.ar ?? '',
  };
}

function version(req: Request): number {
  const value = Number(field(req, 'version'));
  return Number.isInteger(value) && value > 0 ? value : -1;
}

const NEW_LABEL: LabelForm = { code: '', nameEn: '', nameAr: '', colour: '#0b5cad', rated: true, final: true, ratingValue: '', alternateNameEn: '', alternateNameAr: '' };

export function ratingsRouter({ db }: AppDeps): Router {
  const router = Router();
  const admin = requireRole('admin');
  const actor = (res: Response) => ({ id: res.locals.user!.id, name: res.locals.user!.name });

  async function renderScale(req: Request, res: Response, state: { status?: number; errors?: FieldErrors; values?: LabelForm; notice?: LocalizedText; refusal?: UserMessage | undefined } = {}) {
    // Read again: an action just changed it, and the view's copy was read before.
    const scale = await loadRatingScale(db);
    res.locals.scale = scale;
    renderView(req, res, {
      page: 'pages/admin-ratings',
      status: state.status ?? 200,
      data: { title: msg('ratings.title'), scale, errors: state.errors ?? {}, values: state.values ?? NEW_LABEL, notice: state.notice, refusal: state.refusal },
    });
  }

  function renderEdit(req: Request, res: Response, label: RatingLabel, state: { status?: number; errors?: FieldErrors; values?: LabelForm; refusal?: UserMessage | undefined } = {}) {
    renderView(req, res, {
      page: 'pages/admin-rating-edit',
      status: state.status ?? 200,
      data: { title: msg('ratings.editTitle', { name: new NamedInBoth(label.name) }), label, errors: state.errors ?? {}, values: state.values ?? formOf(label), refusal: state.refusal },
    });
  }

  /** A list action (move, retire, delete): done, refused in words (422), or stale (409), the list shown as it is now. */
  async function listAction(req: Request, res: Response, action: (label: RatingLabel) => Promise<LocalizedText>) {
    const label = (await loadRatingScale(db)).get(String(req.params.code));
    if (!label) throw new NotFoundError('Rating label', String(req.params.code));
    try {
      await renderScale(req, res, { notice: await action(label) });
    } catch (error) {
      if (error instanceof ValidationError) return renderScale(req, res, { status: 422, refusal: Object.values(error.fieldErrors)[0] });
      if (error instanceof ConflictError) return renderScale(req, res, { status: 409, refusal: error.text });
      throw error;
    }
  }

  router.get('/admin/ratings', admin, async (req, res) => {
    await renderScale(req, res);
  });

  router.post('/admin/ratings', admin, async (req, res) => {
    const values = labelForm(req);
    try {
      const label = await addRatingLabel(db, values, actor(res));
      await renderScale(req, res, { notice: msg('ratings.added', { name: new NamedInBoth(label.name) }) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await renderScale(req, res, { status: 422, errors: error.fieldErrors, values });
    }
  });

  router.get<{ code: string }>('/admin/ratings/:code', admin, async (req, res) => {
    const label = (await loadRatingScale(db)).get(req.params.code);
    if (!label) throw new NotFoundError('Rating label', req.params.code);
    renderEdit(req, res, label);
  });

  router.post<{ code: string }>('/admin/ratings/:code', admin, async (req, res) => {
    const values = { ...labelForm(req), code: req.params.code };
    try {
      const label = await editRatingLabel(db, req.params.code, version(req), values, actor(res));
      await renderScale(req, res, { notice: msg('ratings.saved', { name: new NamedInBoth(label.name) }) });
    } catch (error) {
      if (error instanceof ValidationError) {
        const label = (await loadRatingScale(db)).get(req.params.code);
        if (!label) throw new NotFoundError('Rating label', req.params.code);
        return renderEdit(req, res, { ...label, version: version(req) }, { status: 422, errors: error.fieldErrors, values });
      }
      if (error instanceof ConflictError) {
        const current = (error.current as LabelConflict).label;
        if (!current) return renderScale(req, res, { status: 409, refusal: error.text });
        // The label as it is now (its version, so a second save applies), with what the admin typed.
        return renderEdit(req, res, current, { status: 409, values, refusal: error.text });
      }
      throw error;
    }
  });

  router.post<{ code: string; direction: string }>('/admin/ratings/:code/move', admin, async (req, res) => {
    await listAction(req, res, async (label) => {
      const direction = field(req, 'direction');
      if (direction !== 'up' && direction !== 'down') throw new ValidationError({ direction: msg('ratings.moveDirectionUnknown') });
      await moveRatingLabel(db, label.code, version(req), direction, actor(res));
      return msg('ratings.moved', { name: new NamedInBoth(label.name) });
    });
  });

  router.post<{ code: string }>('/admin/ratings/:code/retire', admin, async (req, res) => {
    await listAction(req, res, async (label) => {
      const retire = field(req, 'retired') !== 'false';
      await setRatingLabelRetired(db, label.code, version(req), retire, actor(res));
      return msg(retire ? 'ratings.retiredDone' : 'ratings.restoredDone', { name: new NamedInBoth(label.name) });
    });
  });

  router.post<{ code: string }>('/admin/ratings/:code/delete', admin, async (req, res) => {
    await listAction(req, res, async (label) => {
      await removeRatingLabel(db, label.code, version(req), actor(res));
      return msg('ratings.deleted', { name: new NamedInBoth(label.name) });
    });
  });

  return router;
}
