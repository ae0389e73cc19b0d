import type { Role } from '../api/admin.ts';

/**
 * What each role reaches in the web app, mirroring the server's access table (server/auth/access.ts): the
 * server refuses the rest, so a link the role cannot use would only lead to a 403.
 */

export interface NavLink {
  href: string;
  label: string;
  /** Other paths under which the link counts as the current one (the dashboards under one Overview link). */
  also?: readonly string[];
}

/** Reading, judging and uploading: researchers and admins; labelers only label. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'researcher'];
export const ADMIN_ROLES: readonly Role[] = ['admin'];

export function isStaff(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}

const MAIN_LINKS: readonly NavLink[] = [
  { href: '/overview', label: 'Overview', also: ['/dashboards'] },
  { href: '/transcripts', label: 'Transcripts' },
  { href: '/scenarios', label: 'Scenarios' },
  { href: '/models', label: 'Models' },
  { href: '/judge', label: 'Judge' },
  { href: '/labeling', label: 'Labeling' },
  { href: '/upload', label: 'Upload' },
];

/** The top bar's in-app links (the API reference link travels with them: it is for scripts that read). */
export function mainLinks(role: Role): readonly NavLink[] {
  return isStaff(role) ? MAIN_LINKS : [];
}

export function showsApiReference(role: Role): boolean {
  return isStaff(role);
}

/** Where a signed-in user starts: the trait overview (the transcripts are a click away), or for a labeler the labeling queues. */
export function homePath(role: Role): string {
  return isStaff(role) ? '/overview' : '/labeling';
}

/** The settings pages a role may open, in the order of the settings menu. */
export function settingsLinks(role: Role): readonly NavLink[] {
  const links: NavLink[] = [];
  if (role === 'admin') links.push({ href: '/settings/users', label: 'Users' });
  if (isStaff(role)) links.push({ href: '/settings/tokens', label: 'API tokens' });
  if (role === 'admin') links.push({ href: '/settings/audit', label: 'Audit log' });
  links.push({ href: '/settings/password', label: 'Change password' });
  return links;
}

export const ROLE_CHOICES: readonly { role: Role; label: string; description: string }[] = [
  { role: 'admin', label: 'Admin', description: 'users, API tokens and the audit log, and everything a researcher does' },
  { role: 'researcher', label: 'Researcher', description: 'reads, uploads, judges; own API tokens' },
  { role: 'labeler', label: 'Labeler', description: 'labeling queues only' },
];

export function roleLabel(role: Role): string {
  return ROLE_CHOICES.find((c) => c.role === role)?.label ?? role;
}

/** A role from a form's `<select>` value, or undefined for anything else. */
export function parseRole(value: string): Role | undefined {
  return ROLE_CHOICES.find((c) => c.role === value)?.role;
}
