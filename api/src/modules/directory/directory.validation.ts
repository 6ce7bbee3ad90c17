// Input shapes of directory records, shared by the mutations and the spreadsheet import.
import { z } from 'zod';
import { phoneSchema } from '../auth/auth.validation.js';
import { UnitKind } from './unit.entity.js';

const count = (what: string, max = 1_000_000) =>
  z
    .number()
    .int(`${what} must be a whole number.`)
    .min(0, `${what} cannot be negative.`)
    .max(max, `${what} must be at most ${max}.`);

const text = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required.`)
    .max(max, `${what} must be at most ${max} characters.`);

export const codeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Code is required.')
  .max(40, 'Code must be at most 40 characters.')
  .regex(/^[a-z0-9-]+$/, 'Use lower-case letters, digits and "-".');

export const communitySchema = z.object({
  code: codeSchema,
  name: text('Name', 100),
  nameEn: text('English name', 100),
  households: count('Households'),
  residents: count('Residents', 10_000_000),
  fullTimeWorkers: count('Full-time workers', 1000),
  secondedWorkers: count('Seconded workers', 1000).nullish(),
  partyBranches: count('Party branches', 1000).nullish(),
  partyMembers: count('Party members', 100_000).nullish(),
  address: z.string().trim().max(200).nullish(),
});

export const gridSchema = z.object({
  code: codeSchema,
  name: text('Name', 100),
  households: count('Households', 100_000),
  leaderName: z.string().trim().max(50).nullish(),
  leaderPhone: phoneSchema.nullish(),
});

export const unitFields = {
  name: text('Unit name', 120),
  kind: z.enum(UnitKind, 'Choose a kind of unit.'),
  staffCount: count('Staff count', 1_000_000),
  address: z.string().trim().max(200, 'Address must be at most 200 characters.').nullish(),
  liaisonName: text('Liaison name', 50),
  liaisonPhone: phoneSchema,
};

export const unitSchema = z.object(unitFields);
export const unitPatchSchema = z.object(unitFields).partial();
