/**
 * The server's MIN_PASSWORD_LENGTH (server/auth/users.ts), so a form can say so before a round trip; if the
 * two ever differ, the server's 400 names its rule and the form shows that.
 */
export const MIN_PASSWORD_LENGTH = 10;

/** What is wrong with a new password and its confirmation, in words for the form, or '' when nothing is. */
export function newPasswordProblem(password: string, confirm: string = password): string {
  if (password.length < MIN_PASSWORD_LENGTH) return `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password !== confirm) return 'The two passwords differ.';
  return '';
}
