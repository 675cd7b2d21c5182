export * from './matrix.ts';
export * from './filter-questions.ts';
export * from './weekly-review.ts';
