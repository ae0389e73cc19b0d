import type { Role } from '../../db/schema/index.ts';

/** What an API token (and a session, through its role) may do. `admin` implies every other scope. */
export const tokenScopes = ['ingest', 'read', 'judge', 'label', 'admin'] as const;
export type TokenScope = (typeof tokenScopes)[number];

/** The scopes of each role: a session has its role's scopes, a token at most those. */
export const roleScopes: Record<Role, readonly TokenScope[]> = {
  admin: tokenScopes,
  researcher: ['ingest', 'read', 'judge', 'label'],
  labeler: ['label'],
};

export type Access =
  /** Anyone, signed in or not. */
  | { public: true }
  /** A signed-in user of one of `roles`, with `scope` (a token needs the scope; a session has its role's). */
  | { public?: false; roles: readonly Role[]; scope: TokenScope | null };

const everyone: readonly Role[] = ['admin', 'researcher', 'labeler'];
const staff: readonly Role[] = ['admin', 'researcher'];
const admins: readonly Role[] = ['admin'];

const open: Access = { public: true };
const read: Access = { roles: staff, scope: 'read' };
const ingest: Access = { roles: staff, scope: 'ingest' };
const judge: Access = { roles: staff, scope: 'judge' };
const admin: Access = { roles: admins, scope: 'admin' };

/**
 * The one table of who may call what, keyed by method and path as the OpenAPI document writes them. The
 * `authorize` middleware (middleware.ts) reads it for every request; a route that is not here is refused, and a
 * test checks that the table and the document list the same routes.
 */
export const routeAccess: Readonly<Record<string, Access>> = {
  'GET /api/v1/health': open,
  'GET /api/v1/openapi.json': open,
  'POST /api/v1/auth/login': open,
  'POST /api/v1/auth/logout': open,
  'POST /api/v1/auth/setup': open,
  'GET /api/v1/auth/me': { roles: everyone, scope: null },
  'POST /api/v1/auth/password': { roles: everyone, scope: null },

  'GET /api/v1/users': admin,
  'POST /api/v1/users': admin,
  'PATCH /api/v1/users/{id}': admin,
  'GET /api/v1/audit': admin,
  // Tokens: a researcher's own; an admin's, or anyone's with ?all. The route checks ownership.
  'GET /api/v1/tokens': { roles: staff, scope: null },
  'POST /api/v1/tokens': { roles: staff, scope: null },
  'DELETE /api/v1/tokens/{id}': { roles: staff, scope: null },

  'POST /api/v1/transcripts/batch': ingest,
  'POST /api/v1/imports': ingest,
  'GET /api/v1/imports/formats': read,
  'POST /api/v1/demo': ingest,

  'GET /api/v1/transcripts': read,
  'GET /api/v1/transcripts/{id}': read,
  'GET /api/v1/models': read,
  'GET /api/v1/scenarios': read,
  'GET /api/v1/scenarios/{id}': read,
  'GET /api/v1/comparisons': read,
  'GET /api/v1/traits': read,
  'GET /api/v1/rubrics/{trait}': read,
  'GET /api/v1/stats/traits': read,
  'GET /api/v1/stats/compare': read,
  'GET /api/v1/stats/compare/traits': read,
  'GET /api/v1/stats/ratings': read,
  'GET /api/v1/stats/agreement': read,
  'GET /api/v1/stats/selections': read,
  'GET /api/v1/stats/thinking': read,
  'GET /api/v1/stats/thinking/compare': read,
  'GET /api/v1/exports/{kind}': read,

  'POST /api/v1/judge/estimate': judge,
  'POST /api/v1/judge/runs': judge,
  'GET /api/v1/judge/runs': read,
  'GET /api/v1/judge/runs/{id}': read,
  'GET /api/v1/judge/runs/{id}/events': read,
  'GET /api/v1/judge/runs/{id}/jobs': read,
  'GET /api/v1/judge/runs/{id}/jobs/{jobId}': read,
  'POST /api/v1/judge/runs/{id}/cancel': judge,
  'POST /api/v1/judge/runs/{id}/resume': judge,

  // Labeling: researchers manage queues; anyone named on a queue (labelers first) labels it. The routes check
  // that the caller is one of the queue's labelers.
  'POST /api/v1/queues': { roles: staff, scope: 'label' },
  'GET /api/v1/queues': { roles: everyone, scope: 'label' },
  'GET /api/v1/queues/{id}': { roles: staff, scope: 'label' },
  'GET /api/v1/queues/{id}/next': { roles: everyone, scope: 'label' },
  'POST /api/v1/queues/{id}/items/{itemId}/lease': { roles: everyone, scope: 'label' },
  'POST /api/v1/queues/{id}/items/{itemId}/labels': { roles: everyone, scope: 'label' },
  'POST /api/v1/queues/{id}/items/{itemId}/undo': { roles: everyone, scope: 'label' },
  'GET /api/v1/queues/{id}/adjudication': { roles: staff, scope: 'label' },
  'POST /api/v1/queues/{id}/items/{itemId}/adjudicate': { roles: staff, scope: 'label' },
};
