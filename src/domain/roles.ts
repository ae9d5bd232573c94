/** Each role can do what the roles before it can, and more. */
export const ROLES = ['viewer', 'reviewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasRole(role: string, minimum: Role): boolean {
  return isRole(role) && ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/** What the rest of the app knows about the signed-in user: never the hash. */
export interface CurrentUser {
  id: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
  /** The interface language the user chose, if any. */
  language?: string | null;
}

/** A user offered in a choice (assignment). */
export interface UserOption {
  id: string;
  name: string;
}
