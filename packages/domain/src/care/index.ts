export * from './care-catalog.ts';
export * from './care-tier.ts';
export * from './care-dates.ts';
export * from './care-caps.ts';
export * from './complaints.ts';
export * from './surveys.ts';
export * from './events.ts';
export * from './two-step-approval.ts';
