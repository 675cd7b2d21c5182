export * from './pressure.ts';
