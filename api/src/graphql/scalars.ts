// The DateTime scalar (instants are ISO DateTime with zone; calendar days travel as plain
// YYYY-MM-DD strings) and the zone every date shown to a person is computed in.
import { DateTimeResolver } from 'graphql-scalars';
import { GraphQLScalarType } from 'graphql';

export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  name: 'DateTime',
});

/** The zone every date shown to a person is computed in. */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';
