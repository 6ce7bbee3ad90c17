// Input shapes that more than one module takes (each module keeps its own in <module>.validation.ts).
import { z } from 'zod';

/**
 * A reason someone must give for a decision (rejecting a commitment, ending a pairing): trimmed,
 * required, at most `maxLength` characters; each caller picks the length its column keeps.
 */
export const reasonSchema = (maxLength: number) =>
  z
    .string()
    .trim()
    .min(1, 'Give a reason.')
    .max(maxLength, `At most ${maxLength.toLocaleString('en')} characters.`);
