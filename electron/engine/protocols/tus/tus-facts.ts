// What a tus upload keeps to continue after a restart: the upload's URL on the server, once the
// server made one (the server then says its offset).
import * as z from 'zod/mini';
import { onFirstUse } from '../../../../shared/on-first-use.ts';

export const TusFactsSchema = onFirstUse(() => z.object({
  protocol: z.literal('tus'),
  uploadUrl: z.string(),
}));
export type TusFacts = z.infer<typeof TusFactsSchema>;
