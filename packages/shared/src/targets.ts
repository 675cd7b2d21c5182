/** targets contract (zod schemas shared by server and web). */
import { z } from 'zod';
export {};
void z;
