// Contract of channel-parties (zod schemas shared by server and web).
export {};
