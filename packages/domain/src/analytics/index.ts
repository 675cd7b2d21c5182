export * from './period.ts';
export * from './kpis.ts';
export * from './outliers.ts';
