export * from './care-catalog.ts';
