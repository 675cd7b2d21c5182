export * from './parties.ts';
export * from './flow.ts';
export * from './ledger.ts';
export * from './warnings.ts';
export * from './health.ts';
export * from './care-fees.ts';
