// GraphQL types of the directory: connections, filters, inputs, payloads and staffing figures.
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { ConnectionType } from '../../graphql/connections.js';
import { Community } from './community.entity.js';
import { Grid } from './grid.entity.js';
import { Unit, UnitKind } from './unit.entity.js';

export const CommunityConnection = ConnectionType('Community', Community);
export const GridConnection = ConnectionType('Grid', Grid);
export const UnitConnection = ConnectionType('Unit', Unit);

@InputType()
export class UnitFilter {
  @Field(() => ID, { nullable: true }) communityId?: string | null;
  @Field(() => ID, { nullable: true }) gridId?: string | null;
  @Field(() => UnitKind, { nullable: true }) kind?: UnitKind | null;
  @Field(() => String, { nullable: true, description: 'Part of the unit name.' }) search?:
    string | null;
}

// ---------------------------------------------------------------- mutations

@InputType()
export class CreateCommunityInput {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => Int) households!: number;
  @Field(() => Int) residents!: number;
  @Field(() => Int) fullTimeWorkers!: number;
  @Field(() => Int, { nullable: true }) secondedWorkers?: number | null;
  @Field(() => Int, { nullable: true }) partyBranches?: number | null;
  @Field(() => Int, { nullable: true }) partyMembers?: number | null;
  @Field(() => String, { nullable: true }) address?: string | null;
}

@ObjectType()
export class CreateCommunityPayload {
  @Field(() => Community, { nullable: true }) community!: Community | null;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class CreateGridInput {
  @Field(() => ID) communityId!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) households!: number;
  @Field(() => String, { nullable: true }) leaderName?: string | null;
  @Field(() => String, { nullable: true }) leaderPhone?: string | null;
}

@ObjectType()
export class CreateGridPayload {
  @Field(() => Grid, { nullable: true }) grid!: Grid | null;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class CreateUnitInput {
  @Field(() => ID) communityId!: string;
  @Field(() => ID, { nullable: true }) gridId?: string | null;
  @Field(() => String) name!: string;
  @Field(() => UnitKind) kind!: UnitKind;
  @Field(() => Int) staffCount!: number;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => String) liaisonName!: string;
  @Field(() => String) liaisonPhone!: string;
}

@InputType({ description: 'Only the fields given are changed.' })
export class UpdateUnitInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, {
    nullable: true,
    description: 'The version you loaded; a newer one means someone else changed the unit.',
  })
  version?: number | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => UnitKind, { nullable: true }) kind?: UnitKind | null;
  @Field(() => ID, { nullable: true }) gridId?: string | null;
  @Field(() => Int, { nullable: true }) staffCount?: number | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => String, { nullable: true }) liaisonName?: string | null;
  @Field(() => String, { nullable: true }) liaisonPhone?: string | null;
}

@ObjectType()
export class UnitPayload {
  @Field(() => Unit, { nullable: true }) unit!: Unit | null;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class ImportUnitsInput {
  @Field(() => String, { description: 'Original file name; .xlsx or .csv (UTF-8 or GB18030).' })
  fileName!: string;
  @Field(() => String, { description: 'The file, base64-encoded (at most 5 MB).' })
  contentBase64!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'Community for rows without a 所属社区/community column.',
  })
  communityId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Check every row and write nothing.' })
  dryRun?: boolean | null;
}

@ObjectType({ description: 'A problem in one row of an imported sheet.' })
export class ImportRowError {
  @Field(() => Int, {
    description: 'Row number as the spreadsheet shows it (the header is row 1).',
  })
  row!: number;
  @Field(() => String, {
    nullable: true,
    description:
      'Column header at fault, as the sheet spells it (a missing column: its Chinese header).',
  })
  column!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Which column it is, whatever the header: name, kind, community, grid, staffCount, address, liaisonName or liaisonPhone.',
  })
  field!: string | null;
  @Field(() => String, {
    description:
      'MISSING_COLUMN, REQUIRED, NOT_A_CHOICE (kind), NOT_A_WHOLE_NUMBER, TOO_LARGE, TOO_LONG, INVALID_PHONE, NOT_FOUND (community or grid), OUT_OF_SCOPE, DUPLICATE_ROW or TAKEN.',
  })
  code!: string;
  @Field(() => String, { description: 'The problem in English, for API clients.' })
  message!: string;
  @Field(() => String, { nullable: true, description: 'The cell as written, when it has text.' })
  value!: string | null;
  @Field(() => [String], {
    description:
      'What the cell may hold, when the choices are few: UnitKind values for kind, the names of the communities or grids you may use.',
  })
  allowed!: string[];
  @Field(() => Int, {
    nullable: true,
    description: 'TOO_LONG: most characters; TOO_LARGE: largest number.',
  })
  limit!: number | null;
  @Field(() => Int, { nullable: true, description: 'DUPLICATE_ROW: the other row with the name.' })
  otherRow!: number | null;
}

@ObjectType()
export class ImportUnitsPayload {
  @Field(() => Int, {
    description: 'Rows written; 0 whenever any row has an error (all or nothing).',
  })
  importedCount!: number;
  @Field(() => Int, { description: 'Rows that passed every check.' })
  validCount!: number;
  @Field(() => [ImportRowError]) rowErrors!: ImportRowError[];
  @Field(() => [UserError]) errors!: UserError[];
}

// ---------------------------------------------------------------- staffing

@ObjectType({ description: 'Staffing against the provincial standard (see docs/ARCHITECTURE.md).' })
export class StaffingFiguresType {
  @Field(() => Int) households!: number;
  @Field(() => Int, { description: 'Fewest community workers the standard requires.' })
  requiredWorkersMin!: number;
  @Field(() => Int, { description: 'Most community workers the standard allows.' })
  requiredWorkersMax!: number;
  @Field(() => Int, { description: 'Full-time community workers recorded.' })
  actualWorkers!: number;
  @Field(() => Int) workerShortfall!: number;
  @Field(() => Int) requiredGridLeadersMin!: number;
  @Field(() => Int) requiredGridLeadersMax!: number;
  @Field(() => Int, { description: 'Grids with a grid leader.' })
  actualGridLeaders!: number;
  @Field(() => Int) gridLeaderShortfall!: number;
  @Field(() => Int) gridCount!: number;
  @Field(() => Int) gridsOver300!: number;
  @Field(() => Int) gridsOver400!: number;
}

@ObjectType()
export class GridStaffing {
  @Field(() => Grid) grid!: Grid;
  @Field(() => Int) households!: number;
  @Field(() => Boolean) hasLeader!: boolean;
  @Field(() => Boolean) over300!: boolean;
  @Field(() => Boolean) over400!: boolean;
}

@ObjectType()
export class CommunityStaffing extends StaffingFiguresType {
  @Field(() => Community) community!: Community;
  @Field(() => Int, { description: 'Staff seconded by departments; not counted by the standard.' })
  secondedWorkers!: number;
  @Field(() => [GridStaffing]) grids!: GridStaffing[];
}

@ObjectType()
export class StaffingReport {
  @Field(() => [CommunityStaffing]) communities!: CommunityStaffing[];
  @Field(() => StaffingFiguresType) totals!: StaffingFiguresType;
}
