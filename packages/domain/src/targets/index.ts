export * from './quota-allocation.ts';
export * from './forecast.ts';
