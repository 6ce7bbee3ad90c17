// Who may do what: the one door every service, resolver, loader and download route goes through.
// The rules live in one policy module per capability, each beside the query scope that lists
// what the rule allows (`*.policy.ts`); this file joins them and answers `can` / `authorize`.
import { forbidden, unauthenticated } from '../../graphql/errors.js';
import { commitmentRules } from '../commitments/commitments.policy.js';
import { dashboardRules } from '../dashboard/dashboard.policy.js';
import { directoryRules } from '../directory/directory.policy.js';
import { pairingRules } from '../pairing/pairing.policy.js';
import { shiftRules } from '../shifts/shifts.policy.js';
import { accountRules } from './accounts.policy.js';
import { allows, type Rule, type Scope } from './roles.js';
import type { User } from './user.entity.js';

/** The signed-in person of a request (or nobody). */
export class Viewer {
  constructor(
    readonly user: User | null,
    readonly sessionId: number | null,
  ) {}

  static anonymous(): Viewer {
    return new Viewer(null, null);
  }

  get isAuthenticated(): boolean {
    return this.user !== null;
  }

  /** The user, or an UNAUTHENTICATED error. */
  requireUser(): User {
    if (!this.user) throw unauthenticated();
    return this.user;
  }
}

const rules = {
  ...accountRules,
  ...directoryRules,
  ...commitmentRules,
  ...dashboardRules,
  ...shiftRules,
  ...pairingRules,
} satisfies Record<string, Rule>;

export type Action = keyof typeof rules;

/** Every action a rule exists for (the authorisation matrix test checks each is exercised). */
export const ACTIONS = Object.keys(rules) as Action[];

export function can(viewer: Viewer, action: Action, scope: Scope = {}): boolean {
  return allows(viewer.user, rules[action], scope);
}

/** The user when the action is allowed; UNAUTHENTICATED or FORBIDDEN otherwise. */
export function authorize(viewer: Viewer, action: Action, scope: Scope = {}): User {
  const user = viewer.requireUser();
  if (!can(viewer, action, scope)) throw forbidden();
  return user;
}
