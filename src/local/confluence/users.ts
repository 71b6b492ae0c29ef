// The two people of the local site: an administrator and a viewer without admin
// rights, so the server-side admin check can be seen working. The shell's user
// switcher picks one; HTTP callers name one in the X-Local-Account-Id header.

export interface LocalUser {
  accountId: string;
  displayName: string;
  email: string;
  isAdmin: boolean;
}

export const ADMIN_USER: LocalUser = {
  accountId: 'local-admin',
  displayName: 'Ada Admin',
  email: 'ada.admin@example.com',
  isAdmin: true,
};

export const VIEWER_USER: LocalUser = {
  accountId: 'local-viewer',
  displayName: 'Victor Viewer',
  email: 'victor.viewer@example.com',
  isAdmin: false,
};

export const LOCAL_USERS: readonly LocalUser[] = [ADMIN_USER, VIEWER_USER];

export function findUser(accountId: string | undefined): LocalUser | undefined {
  return LOCAL_USERS.find((user) => user.accountId === accountId);
}
