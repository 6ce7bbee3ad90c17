// Password hashing with argon2id (OWASP parameters) and the token format of a login.
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify, type Options } from '@node-rs/argon2';

const ARGON2_OPTIONS: Options = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, which isolated modules cannot import)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// Verifying against this when the username is unknown keeps both answers equally slow.
const unknownUserHash = hashPassword(randomBytes(16).toString('hex'));

export async function verifyPassword(
  storedHash: string | null,
  password: string,
): Promise<boolean> {
  const target = storedHash ?? (await unknownUserHash);
  const ok = await verify(target, password).catch(() => false);
  return ok && storedHash !== null;
}

/** A new bearer token: 256 random bits, prefixed so leaked tokens are easy to recognise. */
export function newToken(): string {
  return `gj_${randomBytes(32).toString('base64url')}`;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
