import { integer, text } from 'drizzle-orm/sqlite-core';

/** Text primary key; ids are made by `newId` in db/ids.ts. */
export const idColumn = () => text().primaryKey();

/** Milliseconds since the epoch; integers keep keyset pagination and range filters cheap. */
export const createdAtColumn = () => integer({ mode: 'number' }).notNull();

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
