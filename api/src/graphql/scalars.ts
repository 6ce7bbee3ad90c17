// Date and time scalars: instants are ISO DateTime with zone, calendar days are ISO Date.
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { GraphQLScalarType } from 'graphql';

export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  name: 'DateTime',
});

/** A calendar date (YYYY-MM-DD) in Asia/Shanghai, carried as a string. */
export const DateScalar = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  name: 'Date',
});

/** The zone every date shown to a person is computed in. */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';
