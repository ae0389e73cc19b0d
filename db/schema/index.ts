export * from './auth.ts';
export * from './batches.ts';
export * from './judge.ts';
export * from './models.ts';
export * from './scenarios.ts';
export * from './scores.ts';
export * from './traits.ts';
export * from './transcripts.ts';
export type { Json } from './common.ts';
