// Contract of channel-goods (zod schemas shared by server and web).
export {};
