// Pure channel rules: flow-of-goods 流向 files (reading cells, matching buyer names). No I/O.
export * from './flow-parse.ts';
export * from './flow-match.ts';
