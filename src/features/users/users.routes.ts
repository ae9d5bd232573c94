import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import { ValidationError, type FieldErrors } from '../../errors.ts';
import { dropSession, requireRole, startSession } from '../../http/auth.ts';
import { renderView } from '../../http/render.ts';
import { ROLES } from '../../domain/roles.ts';
import { msg, type LocalizedText } from '../../i18n/translate.ts';
import { changeOwnPassword, changeUserRole, createUser, listAllUsers, MIN_PASSWORD_LENGTH, resetUserPassword, setUserDisabled, type SessionEnder } from './users.service.ts';

function field(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

export function usersRouter({ db, config }: AppDeps, sessions: SessionEnder): Router {
  const router = Router();
  const hashing = { cost: config.passwordHashCost };

  async function renderUsers(req: Request, res: Response, state: { status?: number; errors?: FieldErrors; values?: Record<string, string>; notice?: LocalizedText | undefined } = {}) {
    renderView(req, res, {
      page: 'pages/admin-users',
      status: state.status ?? 200,
      data: { title: msg('account.users.title'), users: await listAllUsers(db), roles: ROLES, errors: state.errors ?? {}, values: state.values ?? {}, notice: state.notice },
    });
  }

  /** Admin actions re-render the user list, with the refusal or the one-time password to hand over. */
  async function adminAction(req: Request, res: Response, action: () => Promise<LocalizedText | undefined>) {
    try {
      const notice = await action();
      await renderUsers(req, res, { notice });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await renderUsers(req, res, { status: 422, errors: error.fieldErrors, values: { name: field(req, 'name'), role: field(req, 'role') } });
    }
  }

  router.get('/admin/users', requireRole('admin'), async (req, res) => {
    await renderUsers(req, res);
  });

  router.post('/admin/users', requireRole('admin'), async (req, res) => {
    await adminAction(req, res, async () => {
      const password = field(req, 'password');
      const { user, oneTimePassword } = await createUser(db, { name: field(req, 'name'), role: field(req, 'role'), password: password || undefined }, hashing);
      return oneTimePassword ? msg('account.users.createdWithPassword', { name: user.name, password: oneTimePassword }) : msg('account.users.created', { name: user.name });
    });
  });

  router.post<{ id: string }>('/admin/users/:id/role', requireRole('admin'), async (req, res) => {
    await adminAction(req, res, async () => {
      await changeUserRole(db, req.params.id, field(req, 'role'));
      return msg('account.users.roleChanged');
    });
  });

  router.post<{ id: string }>('/admin/users/:id/disabled', requireRole('admin'), async (req, res) => {
    await adminAction(req, res, async () => {
      const disabled = field(req, 'disabled') === 'true';
      await setUserDisabled(db, res.locals.user!, req.params.id, disabled, sessions);
      return msg(disabled ? 'account.users.accountDisabled' : 'account.users.accountEnabled');
    });
  });

  router.post<{ id: string }>('/admin/users/:id/password', requireRole('admin'), async (req, res) => {
    await adminAction(req, res, async () => {
      const password = await resetUserPassword(db, req.params.id, hashing, sessions);
      // Resetting one's own password signs oneself out too; the session must not be saved back.
      if (req.params.id === res.locals.user!.id) await dropSession(req);
      return msg('account.users.passwordReset', { password });
    });
  });

  router.get('/account/password', (req, res) => {
    renderView(req, res, { page: 'pages/account-password', data: { title: msg('account.password.title'), errors: {}, minLength: MIN_PASSWORD_LENGTH } });
  });

  router.post('/account/password', async (req, res) => {
    try {
      const userId = res.locals.user!.id;
      await changeOwnPassword(db, userId, { current: field(req, 'current'), next: field(req, 'next'), confirm: field(req, 'confirm') }, hashing, sessions);
      // Every session of the user has ended, this one included: carry on in a new one.
      await startSession(req, userId);
      res.redirect(303, '/');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      renderView(req, res, { page: 'pages/account-password', status: 422, data: { title: msg('account.password.title'), errors: error.fieldErrors, minLength: MIN_PASSWORD_LENGTH } });
    }
  });

  return router;
}
