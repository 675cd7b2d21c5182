export * from './text/pinyin.ts';
export * from './text/spreadsheet.ts';
export * from './audit/diff.ts';
export * from './time/china-date.ts';
export * from './segmentation/index.ts';
export * from './planning/index.ts';
export * from './calls/index.ts';
export * from './care/index.ts';
