export * from './period.ts';
export * from './kpis.ts';
