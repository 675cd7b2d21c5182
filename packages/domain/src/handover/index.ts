export * from './handover-plan.ts';
