// Contract of surveys (zod schemas shared by server and web).
export {};
