export * from './call-time.ts';
export * from './objectives.ts';
export * from './location.ts';
