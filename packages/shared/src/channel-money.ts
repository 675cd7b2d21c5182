// Contract of channel-money (zod schemas shared by server and web).
export {};
