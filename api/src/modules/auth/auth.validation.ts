// Input shapes shared by the account use cases.
import { z } from 'zod';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  // One problem per field: an empty one is REQUIRED, not also too short and badly formed.
  .min(1, { message: 'Enter a username.', abort: true })
  .min(3, { message: 'Username must be at least 3 characters.', abort: true })
  .max(32, { message: 'Username must be at most 32 characters.', abort: true })
  .regex(/^[a-z0-9_.-]+$/, 'Use only letters, digits, ".", "_" and "-".');

export const passwordSchema = z
  .string()
  .min(1, { message: 'Enter a password.', abort: true })
  .min(8, 'Password must be at least 8 characters.')
  .max(128, 'Password must be at most 128 characters.');

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Name is required.')
  .max(50, 'Name must be at most 50 characters.');

/** A mainland China mobile number, 11 digits starting with 1. */
export const phoneSchema = z
  .string()
  .trim()
  .min(1, { message: 'Enter a mobile number.', abort: true })
  .regex(/^1\d{10}$/, 'Enter an 11-digit mobile number.');
