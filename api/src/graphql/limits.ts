// Query limits applied before execution: depth, aliases, tokens (graphql-armor) and cost.
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { createRequire } from 'node:module';
import type * as QueryComplexity from 'graphql-query-complexity';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from './relay.js';

// Its ESM build imports graphql/index.mjs, a second copy of graphql next to the CommonJS one
// that type-graphql and Apollo load; the CommonJS build shares theirs.
const { getComplexity, simpleEstimator } = createRequire(import.meta.url)(
  'graphql-query-complexity',
) as typeof QueryComplexity;

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  blockFieldSuggestions: boolean;
}

/**
 * A list field costs what one item costs times the number asked for, so
 * `communities(first: 100) { units(first: 100) { … } }` is priced at 10,000 items.
 */
const connectionEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  if (!field.type.toString().endsWith('Connection!')) return undefined;
  const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
  return 1 + Math.max(1, first) * Math.max(1, childComplexity);
};

function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const cost = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > maxCost) {
            throw new GraphQLError(
              `Query is too costly: ${cost} exceeds the limit of ${maxCost}. Ask for fewer items per page.`,
              { extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}

export function queryLimits(schema: GraphQLSchema, limits: QueryLimits) {
  const armor = new ApolloArmor({
    maxDepth: { enabled: true, n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { enabled: true, n: limits.maxAliases },
    maxTokens: { enabled: true, n: limits.maxTokens },
    maxDirectives: { enabled: true, n: 20 },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: limits.blockFieldSuggestions },
  }).protect();
  return {
    validationRules: armor.validationRules,
    plugins: [...armor.plugins, costLimitPlugin(schema, limits.maxCost)],
  };
}
