// User-fixable errors travel as data (`UserError`); auth failures and bugs are GraphQL errors.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { databaseTrouble, TROUBLE_MESSAGES } from '../db/trouble.js';
import { Field, Int, ObjectType } from 'type-graphql';
import type { ZodError } from 'zod';
import type { Logger } from '../logger.js';

/** Stable codes a client can switch on; messages are English and may change. */
export const UserErrorCode = {
  REQUIRED: 'REQUIRED',
  INVALID: 'INVALID',
  TOO_SHORT: 'TOO_SHORT',
  TOO_LONG: 'TOO_LONG',
  OUT_OF_RANGE: 'OUT_OF_RANGE',
  NOT_FOUND: 'NOT_FOUND',
  TAKEN: 'TAKEN',
  CONFLICT: 'CONFLICT',
  OUT_OF_SCOPE: 'OUT_OF_SCOPE',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  RATE_LIMITED: 'RATE_LIMITED',
  UNSUPPORTED_FILE: 'UNSUPPORTED_FILE',
  IMPORT_FAILED: 'IMPORT_FAILED',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  NOT_EDITABLE: 'NOT_EDITABLE',
  OUTSIDE_PERIOD: 'OUTSIDE_PERIOD',
  MEASURE_MISMATCH: 'MEASURE_MISMATCH',
  SHIFT_STARTED: 'SHIFT_STARTED',
  SHIFT_CANCELLED: 'SHIFT_CANCELLED',
  MISSING_SKILL: 'MISSING_SKILL',
  OVERLAPPING_SHIFT: 'OVERLAPPING_SHIFT',
  ALREADY_SIGNED_UP: 'ALREADY_SIGNED_UP',
  PAST_CUTOFF: 'PAST_CUTOFF',
  CASELOAD_FULL: 'CASELOAD_FULL',
  ALREADY_PAIRED: 'ALREADY_PAIRED',
  NOT_CONFIRMED: 'NOT_CONFIRMED',
  NOT_SIGNED_UP: 'NOT_SIGNED_UP',
  TOO_EARLY: 'TOO_EARLY',
  SHIFT_ENDED: 'SHIFT_ENDED',
  SHIFT_NOT_STARTED: 'SHIFT_NOT_STARTED',
  ALREADY_CHECKED_IN: 'ALREADY_CHECKED_IN',
  NOT_CHECKED_IN: 'NOT_CHECKED_IN',
  ALREADY_CHECKED_OUT: 'ALREADY_CHECKED_OUT',
  NOT_CHECKED_OUT: 'NOT_CHECKED_OUT',
  ALREADY_CONFIRMED: 'ALREADY_CONFIRMED',
  INVALID_CODE: 'INVALID_CODE',
  CODE_EXPIRED: 'CODE_EXPIRED',
  OWN_RECORD: 'OWN_RECORD',
  ENDS_BEFORE_START: 'ENDS_BEFORE_START',
  DATE_IN_FUTURE: 'DATE_IN_FUTURE',
  /** A date before the pairing began (its confirmation day). */
  BEFORE_PAIRING_START: 'BEFORE_PAIRING_START',
  /** A pairing's end before its latest supervision. */
  BEFORE_LAST_SUPERVISION: 'BEFORE_LAST_SUPERVISION',
  /** Ending a pairing that has already ended (e.g. someone else ended it first). */
  ALREADY_ENDED: 'ALREADY_ENDED',
  /** A change to a pairing that has ended (it is read-only). */
  PAIRING_ENDED: 'PAIRING_ENDED',
  DURATION_OUT_OF_RANGE: 'DURATION_OUT_OF_RANGE',
  LIAISON_ACTIVE: 'LIAISON_ACTIVE',
  INVITATION_USED: 'INVITATION_USED',
  INVITATION_EXPIRED: 'INVITATION_EXPIRED',
  INVITATION_INVALID: 'INVITATION_INVALID',
  PASSWORD_MISMATCH: 'PASSWORD_MISMATCH',
} as const;
export type UserErrorCode = (typeof UserErrorCode)[keyof typeof UserErrorCode];

@ObjectType({ description: 'A problem with the input that the user can fix.' })
export class UserError {
  @Field(() => String, { description: 'Stable machine-readable code, e.g. REQUIRED, TAKEN.' })
  code!: string;

  @Field(() => [String], {
    nullable: true,
    description:
      'Path to the input field at fault, e.g. ["input", "name"]; null for the whole input.',
  })
  field!: string[] | null;

  @Field(() => String)
  message!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The bound a TOO_SHORT, TOO_LONG or OUT_OF_RANGE error refers to (e.g. 3 for "at least 3 characters"), when there is one.',
  })
  limit?: number | null;
}

export function userError(code: UserErrorCode, message: string, field?: string[]): UserError {
  return Object.assign(new UserError(), { code, message, field: field ?? null });
}

/** The `field` path of an input field: `inputField('reason')` is `['input', 'reason']`. */
export const inputField = (...path: string[]): string[] => ['input', ...path];

/** A NOT_FOUND user error for an input that names nothing the viewer may use: "No such unit." */
export const noSuch = (what: string, ...path: string[]): UserError =>
  userError(UserErrorCode.NOT_FOUND, `No such ${what}.`, inputField(...path));

/** A mutation's payload: its result fields (the changed objects, null when refused) and errors. */
export type Payload<K extends string, T> = { [P in K]: T | null } & { errors: UserError[] };

/**
 * The payload of a refused mutation, beside its errors: `refused('unit', error)` and
 * `refused(['signup', 'promoted'], ...errors)` give each named field null; a payload whose
 * fields are not nullable names what it holds instead, `refused({ count: 0 }, error)`.
 */
export function refused<K extends string>(
  keys: K | readonly K[],
  ...errors: UserError[]
): { [P in K]: null } & { errors: UserError[] };
export function refused<T extends object>(
  empty: T,
  ...errors: UserError[]
): T & { errors: UserError[] };
export function refused(
  what: string | readonly string[] | object,
  ...errors: UserError[]
): object & { errors: UserError[] } {
  const empty =
    typeof what === 'string'
      ? { [what]: null }
      : Array.isArray(what)
        ? Object.fromEntries((what as readonly string[]).map((key) => [key, null]))
        : what;
  return { ...empty, errors };
}

/** A UserError with the bound it refers to (see `UserError.limit`). */
const withLimit = (error: UserError, limit: number | bigint): UserError =>
  Object.assign(error, { limit: Number(limit) });

/** Maps zod validation issues to UserErrors whose `field` paths start at `input`. */
export function userErrorsFromZod(error: ZodError): UserError[] {
  return error.issues.map((issue) => {
    const field = inputField(...issue.path.map(String));
    switch (issue.code) {
      case 'too_small':
        if (issue.origin === 'string' && issue.minimum === 1) {
          return userError(UserErrorCode.REQUIRED, issue.message, field);
        }
        return withLimit(
          userError(
            issue.origin === 'string' ? UserErrorCode.TOO_SHORT : UserErrorCode.OUT_OF_RANGE,
            issue.message,
            field,
          ),
          issue.minimum,
        );
      case 'too_big':
        return withLimit(
          userError(
            issue.origin === 'string' ? UserErrorCode.TOO_LONG : UserErrorCode.OUT_OF_RANGE,
            issue.message,
            field,
          ),
          issue.maximum,
        );
      case 'invalid_type':
        return userError(
          issue.input === undefined || issue.input === null
            ? UserErrorCode.REQUIRED
            : UserErrorCode.INVALID,
          issue.message,
          field,
        );
      case 'custom': {
        // A refinement may name its code (`params: { code }`), e.g. ENDS_BEFORE_START.
        const code = (issue.params as { code?: string } | undefined)?.code;
        const known = Object.values(UserErrorCode).find((c) => c === code);
        return userError(known ?? UserErrorCode.INVALID, issue.message, field);
      }
      default:
        return userError(UserErrorCode.INVALID, issue.message, field);
    }
  });
}

export type ErrorCode =
  'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'INTERNAL_SERVER_ERROR';

function graphQLError(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

export const unauthenticated = () => graphQLError('UNAUTHENTICATED', 'You must be signed in.');
export const forbidden = (message = 'You are not allowed to do this.') =>
  graphQLError('FORBIDDEN', message);
export const badUserInput = (message: string) => graphQLError('BAD_USER_INPUT', message);
/** Something a query or a download asked for does not exist (or is not the viewer's to see). */
export const notFound = (message: string) => graphQLError('NOT_FOUND', message);

/** Error codes whose message is meant for the client; everything else is masked. */
const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'QUERY_TOO_COSTLY',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'TRY_AGAIN',
  'SERVICE_UNAVAILABLE',
]);

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/** Apollo `formatError`: keep public errors, log and mask the rest (no stack, no SQL). */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      return {
        message: formatted.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code },
      };
    }
    const cause = unwrapResolverError(error);
    const trouble = databaseTrouble(cause);
    if (trouble) {
      logger.warn({ err: cause, path: formatted.path }, `database: ${trouble}`);
      return {
        message: TROUBLE_MESSAGES[trouble],
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: trouble },
      };
    }
    logger.error({ err: cause, path: formatted.path }, 'unhandled error');
    return {
      message: INTERNAL_ERROR_MESSAGE,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
