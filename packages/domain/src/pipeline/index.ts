export * from './stages.ts';
export * from './moves.ts';
export * from './figures.ts';
