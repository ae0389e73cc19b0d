import { z } from 'zod';
import { tokenScopes } from '../auth/access.ts';
import { MIN_PASSWORD_LENGTH } from '../auth/users.ts';
import { storedString } from '../lib/text.ts';
import { idSchema, isoTime, roleSchema } from './common.ts';

const email = z.email().max(320).describe('Compared case-insensitively');
const newPassword = z.string().min(MIN_PASSWORD_LENGTH, `password must have at least ${MIN_PASSWORD_LENGTH} characters`).max(1000);

export const loginBody = z.object({ email, password: z.string().min(1).max(1000) }).meta({ examples: [{ email: 'you@example.com', password: 'correct horse battery' }] });
export const setupBody = z.object({
  token: z.string().min(1).max(200).describe('The one-time secret of the setup link the server printed'),
  email,
  password: newPassword,
});
export const createUserBody = z.object({ email, password: newPassword, role: roleSchema });
export const updateUserBody = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean().optional().describe('A disabled user cannot sign in; their sessions end and their tokens stop working'),
    password: newPassword.optional().describe("A new password (a reset): the user's sessions end"),
  })
  .refine((b) => b.role !== undefined || b.disabled !== undefined || b.password !== undefined, { message: 'give role, disabled or password', path: ['role'] });
export const changePasswordBody = z.object({ currentPassword: z.string().min(1).max(1000), newPassword });

export const userListSchema = z.object({
  items: z.array(
    z.object({
      id: idSchema,
      email: z.string(),
      role: roleSchema,
      disabled: z.boolean(),
      createdAt: isoTime,
      lastSeenAt: isoTime.nullable().describe('Latest session activity, to within minutes'),
      activeTokens: z.int(),
    }),
  ),
});
export const updatedUserSchema = z.object({ user: z.object({ id: idSchema, email: z.string(), role: roleSchema, disabled: z.boolean() }) });

export const auditQuery = z.object({
  action: storedString({ max: 100 }).optional().describe('Only this action, e.g. token.create, import, judge.run.create'),
  user: idSchema.optional().describe('Only what this user did'),
  cursor: z.string().regex(/^[0-9a-z]{1,40}$/, 'cursor is not one this API gave out').optional().describe('The nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('Page size'),
});
export const auditListSchema = z.object({
  items: z.array(
    z.object({
      id: idSchema,
      userId: idSchema.nullable().describe('Who; null for the system (first start, the judge worker)'),
      email: z.string().nullable(),
      action: z.string(),
      target: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
      createdAt: isoTime,
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const publicUserSchema = z.object({ id: idSchema, email: z.string(), role: roleSchema }).meta({ id: 'User' });
export const userEnvelope = z.object({ user: publicUserSchema });
export const tokenScopeSchema = z
  .enum(tokenScopes)
  .describe('ingest: uploads and imports; read: read routes and statistics; judge: start, cancel and resume judge runs; label: labeling queues; admin: everything');
export const meSchema = z.object({
  user: publicUserSchema,
  via: z.enum(['session', 'token']).describe('How this request was authenticated'),
  scopes: z.array(tokenScopeSchema).describe("What this request may do: the role's scopes (a session) or the token's, capped at the role's"),
});

export const createTokenBody = z.object({
  name: storedString({ max: 100, trim: true }).describe('A label for the token, e.g. the script that uses it'),
  scopes: z.array(tokenScopeSchema).min(1).default(['read', 'ingest']).describe("At most the scopes of your role"),
}).meta({ examples: [{ name: 'nightly-eval-upload', scopes: ['ingest'] }] });
export const createdTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  token: z.string().describe('The secret: shown only in this answer; send it as Authorization: Bearer <token>'),
  scopes: z.array(tokenScopeSchema),
});
export const tokenListQuery = z.object({ all: z.enum(['true', 'false']).optional().describe("Admins: every user's tokens, not only yours") });
export const tokenListSchema = z.object({
  items: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      owner: z.string().describe("The owner's email"),
      scopes: z.array(z.string()),
      createdAt: isoTime,
      lastUsedAt: isoTime.nullable().describe('Last use, to within 10 minutes; null if never used'),
    }),
  ),
});

export const healthSchema = z.object({
  status: z.literal('ok'),
  needsSetup: z.boolean().describe('True until the first admin exists: the web app shows the setup page'),
});
