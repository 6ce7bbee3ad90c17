// Input shapes of needs and commitments.
import { z } from 'zod';
import { isIsoDate } from '../../graphql/dates.js';
import { Measure } from './commitment.enums.js';

export const isoDate = (what: string) =>
  z.string().trim().refine(isIsoDate, `${what} must be a date like 2026-03-31.`);

export const titleSchema = z
  .string()
  .trim()
  .min(1, 'Title is required.')
  .max(120, 'Title must be at most 120 characters.');

export const descriptionSchema = z.string().trim().max(4000, 'At most 4,000 characters.');

export const needSchema = z.object({
  title: titleSchema,
  description: descriptionSchema.nullish(),
  measure: z.enum(Measure, 'Choose a measure.'),
  amount: z.number(),
});

export const commitmentSchema = z.object({
  title: titleSchema,
  description: descriptionSchema.nullish(),
  measure: z.enum(Measure, 'Choose a measure.'),
  targetAmount: z.number(),
  periodStart: isoDate('Start date'),
  periodEnd: isoDate('End date'),
});
