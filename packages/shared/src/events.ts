// Contract of events (zod schemas shared by server and web).
export {};
