// Contract of channel-warnings (zod schemas shared by server and web).
export {};
