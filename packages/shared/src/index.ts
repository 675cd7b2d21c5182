export * from './errors.ts';
export * from './i18n.ts';
export * from './common.ts';
export * from './auth.ts';
export * from './org.ts';
export * from './audit.ts';
export * from './accounts.ts';
