export * from './working-days.ts';
export * from './plan-generator.ts';
export * from './frequency.ts';
export * from './care-dates.ts';
export * from './plan-warnings.ts';
