// Contract of care-fees 客情费 (zod schemas shared by server and web).
export {};
