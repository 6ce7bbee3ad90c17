// The executable GraphQL schema: every resolver of every capability, and the scalars.
import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { NodeResolver } from './graphql/node.js';
import { DateTimeScalar } from './graphql/scalars.js';
import { AuthResolver } from './modules/auth/auth.resolver.js';
import { CategoryResolver } from './modules/commitments/categories.resolver.js';
import {
  CommitmentEventResolver,
  CommitmentResolver,
} from './modules/commitments/commitments.resolver.js';
import {
  EvidenceFileResolver,
  FulfilmentResolver,
} from './modules/commitments/fulfilments.resolver.js';
import { NeedResolver } from './modules/commitments/needs.resolver.js';
import {
  CategoryProgressResolver,
  DashboardResolver,
} from './modules/dashboard/dashboard.resolver.js';
import { NotificationResolver } from './modules/notifications/notifications.resolver.js';
import {
  PairingResolver,
  SocialWorkerResolver,
  SupervisionLogResolver,
} from './modules/pairing/pairing.resolver.js';
import { AttendanceResolver } from './modules/shifts/attendance.resolver.js';
import { CalendarFeedResolver } from './modules/shifts/calendar.resolver.js';
import {
  ActivityResolver,
  ShiftResolver,
  SignupResolver,
} from './modules/shifts/shifts.resolver.js';
import { VolunteerResolver } from './modules/shifts/volunteer.resolver.js';
import {
  CommunityResolver,
  GridResolver,
  UnitResolver,
} from './modules/directory/directory.resolver.js';

export const resolvers = [
  NodeResolver,
  AuthResolver,
  CommunityResolver,
  GridResolver,
  UnitResolver,
  CategoryResolver,
  NeedResolver,
  CommitmentResolver,
  CommitmentEventResolver,
  FulfilmentResolver,
  EvidenceFileResolver,
  VolunteerResolver,
  ActivityResolver,
  ShiftResolver,
  SignupResolver,
  AttendanceResolver,
  CalendarFeedResolver,
  NotificationResolver,
  SocialWorkerResolver,
  PairingResolver,
  SupervisionLogResolver,
  DashboardResolver,
  CategoryProgressResolver,
] as const;

let schema: Promise<GraphQLSchema> | undefined;

export function buildGraphQLSchema(): Promise<GraphQLSchema> {
  schema ??= buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    orphanedTypes: [],
    validate: false,
    emitSchemaFile: false,
  });
  return schema;
}
