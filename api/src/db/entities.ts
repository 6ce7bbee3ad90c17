// Every entity the ORM maps; listed explicitly so tsx, vitest and node all see the same set.
import { LoginThrottle } from '../modules/auth/login-throttle.entity.js';
import { LiaisonInvitation } from '../modules/auth/liaison-invitation.entity.js';
import { Session } from '../modules/auth/session.entity.js';
import { User } from '../modules/auth/user.entity.js';
import { Community } from '../modules/directory/community.entity.js';
import { Grid } from '../modules/directory/grid.entity.js';
import { Unit } from '../modules/directory/unit.entity.js';
import { CommitmentCategory } from '../modules/commitments/category.entity.js';
import { CommitmentEvent } from '../modules/commitments/commitment-event.entity.js';
import { Commitment } from '../modules/commitments/commitment.entity.js';
import { EvidenceFile } from '../modules/commitments/evidence-file.entity.js';
import { Fulfilment } from '../modules/commitments/fulfilment.entity.js';
import { Need } from '../modules/commitments/need.entity.js';
import { Notification } from '../modules/notifications/notification.entity.js';
import { Activity } from '../modules/shifts/activity.entity.js';
import { Shift } from '../modules/shifts/shift.entity.js';
import { Signup } from '../modules/shifts/signup.entity.js';
import { Volunteer } from '../modules/shifts/volunteer.entity.js';
import { Pairing } from '../modules/pairing/pairing.entity.js';
import { SocialWorker } from '../modules/pairing/social-worker.entity.js';
import { SupervisionLog } from '../modules/pairing/supervision-log.entity.js';
import { BaseEntity } from './base.entity.js';

export const entities = [
  BaseEntity,
  Community,
  Grid,
  Unit,
  User,
  Session,
  LiaisonInvitation,
  LoginThrottle,
  CommitmentCategory,
  Need,
  Commitment,
  CommitmentEvent,
  Fulfilment,
  EvidenceFile,
  Volunteer,
  Activity,
  Shift,
  Signup,
  Notification,
  SocialWorker,
  Pairing,
  SupervisionLog,
];
