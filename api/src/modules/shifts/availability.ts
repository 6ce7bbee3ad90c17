// Weekly availability, as volunteers and social workers give it: day 1 = Monday … 7 = Sunday.
import { z } from 'zod';

const time = z
  .string()
  .min(1, { message: 'Enter a time.', abort: true })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour).');

export const availabilitySchema = z
  .array(
    z
      .object({
        day: z
          .number()
          .int()
          .min(1, 'Day is 1 (Monday) to 7 (Sunday).')
          .max(7, 'Day is 1 (Monday) to 7 (Sunday).'),
        start: time,
        end: time,
      })
      .refine((slot) => slot.start < slot.end, {
        message: 'A slot must end after it starts.',
        path: ['end'],
        params: { code: 'ENDS_BEFORE_START' },
      }),
  )
  .max(21, 'At most 21 weekly slots.');
