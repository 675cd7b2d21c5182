export * from './text/pinyin.ts';
