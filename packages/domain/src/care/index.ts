export * from './care-catalog.ts';
export * from './care-tier.ts';
