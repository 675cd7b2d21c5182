export * from './development.ts';
