import request from 'supertest';
import type { Role } from '../../src/domain/roles.ts';
import { createUser } from '../../src/features/users/users.service.ts';
import type { TestContext } from './context.ts';

export const TEST_PASSWORD = 'correct horse battery';

export interface SignedIn {
  name: string;
  agent: ReturnType<typeof request.agent>;
  csrfToken: string;
  get(url: string): request.Test;
  /** Sends the session's CSRF token the way htmx does, in the x-csrf-token header. */
  post(url: string): request.Test;
}

export function csrfTokenIn(html: string): string {
  const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? html.match(/"x-csrf-token": "([^"]+)"/)?.[1];
  if (!token) throw new Error('no CSRF token in the page');
  return token;
}

/** A browser-like agent signed in through the real sign-in form. */
export async function signIn(context: TestContext, role: Role, name = `${role}-${Math.random().toString(36).slice(2, 8)}`): Promise<SignedIn> {
  await createUser(context.db, { name, role, password: TEST_PASSWORD }, { cost: context.config.passwordHashCost });
  const agent = request.agent(context.app);
  const loginPage = await agent.get('/login').expect(200);
  await agent.post('/login').type('form').send({ name, password: TEST_PASSWORD, _csrf: csrfTokenIn(loginPage.text) }).expect(303);
  const csrfToken = csrfTokenIn((await agent.get('/account/password').expect(200)).text);
  return {
    name,
    agent,
    csrfToken,
    get: (url) => agent.get(url),
    post: (url) => agent.post(url).set('x-csrf-token', csrfToken),
  };
}
