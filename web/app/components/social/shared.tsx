// What the pairing page's parts share: the pairing's types, the supervision modes and log fields,
// a refused post as the action returns it, and messages beside the forms' fields.
import type {
  SocialPairingPageQuery,
  SupervisionMode,
  UserError,
} from '../../../../schema/generated/graphql';
import { fieldOf, useUserErrorText } from '../../i18n/user-error';

export type Pairing = Extract<
  NonNullable<SocialPairingPageQuery['node']>,
  { __typename: 'Pairing' }
>;
export type SupervisionLog = Pairing['supervisionLogs']['edges'][number]['node'];

export type Errors = Pick<UserError, 'code' | 'field' | 'message'>[];

export const modes: SupervisionMode[] = ['IN_PERSON', 'PHONE', 'ONLINE', 'GROUP'];
export const logFields = ['date', 'mode', 'durationMinutes', 'notes'] as const;
export type LogValues = Record<(typeof logFields)[number], string>;

/** A refused post: which form, what was typed, and the errors. */
export type ActionResult =
  | { intent: 'log'; values: LogValues; errors: Errors }
  | { intent: 'end'; values: { reason: string; endDate: string }; errors: Errors };

/** Messages beside a field, announced when they appear. */
export function useFieldMessages(errors: Errors) {
  const errorText = useUserErrorText();
  const errorsOf = (name: string) => errors.filter((error) => fieldOf(error) === name);
  return {
    /** aria attributes for the field; `hint` is the id of its hint, kept when there is an error. */
    describe: (name: string, hint?: string) => {
      const invalid = errorsOf(name).length > 0;
      const ids = [hint, invalid ? `${name}-error` : undefined].filter(Boolean).join(' ');
      return {
        ...(invalid ? { 'aria-invalid': true as const } : {}),
        ...(ids ? { 'aria-describedby': ids } : {}),
      };
    },
    message: (name: string) =>
      errorsOf(name).length > 0 && (
        <p className="field-error" id={`${name}-error`} role="alert">
          {errorsOf(name).map(errorText).join(' ')}
        </p>
      ),
    general: errors.filter(
      (error) =>
        !['date', 'mode', 'durationMinutes', 'notes', 'reason', 'endDate'].includes(fieldOf(error)),
    ),
  };
}
