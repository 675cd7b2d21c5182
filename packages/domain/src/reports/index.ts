export * from './daily-report.ts';
export * from './weekly-report.ts';
