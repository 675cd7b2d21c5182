export * from './working-days.ts';
export * from './plan-generator.ts';
