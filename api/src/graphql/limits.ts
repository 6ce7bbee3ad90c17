// Query limits applied before execution: tokens (the parser's own limit), depth and aliases
// (graphql-armor), cost, and no subscriptions (the schema has none).
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { getVariableValues, GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { createRequire } from 'node:module';
import type * as QueryComplexity from 'graphql-query-complexity';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from './connections.js';

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
        async didResolveOperation({ request, document, operation }) {
          // No operation by that name: Apollo answers it (400) after this hook.
          if (!operation) return;
          // Pricing reads `first` from the variables, so they are coerced here, before execution
          // would: a missing, null or mistyped variable is the client's mistake (400), said as
          // graphql-js says it, not an error the cost estimator throws without a code.
          const coerced = getVariableValues(
            schema,
            operation.variableDefinitions ?? [],
            request.variables ?? {},
            { maxErrors: 10 },
          );
          if (coerced.errors) {
            const [first] = coerced.errors;
            throw new GraphQLError(first!.message, {
              nodes: first!.nodes,
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
          const cost = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: coerced.coerced,
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

/** The schema has no subscriptions: asking for one is refused with the other validation errors. */
const noSubscriptions: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === 'subscription')
      context.reportError(
        new GraphQLError('Subscriptions are not supported: use a query or a mutation.', {
          nodes: [node],
        }),
      );
  },
});

/** Apollo's `parseOptions`: the parser stops at the token limit and Apollo answers 400. */
export const parseOptions = (limits: Pick<QueryLimits, 'maxTokens'>) => ({
  maxTokens: limits.maxTokens,
});

export function queryLimits(schema: GraphQLSchema, limits: QueryLimits) {
  const armor = new ApolloArmor({
    maxDepth: { enabled: true, n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { enabled: true, n: limits.maxAliases },
    // The token limit is the parser's own (`parseOptions`): armor's re-parses in a hook whose
    // throw Apollo answers with 500.
    maxTokens: { enabled: false },
    maxDirectives: { enabled: true, n: 20 },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: limits.blockFieldSuggestions },
  }).protect();
  return {
    validationRules: [...armor.validationRules, noSubscriptions],
    plugins: [...armor.plugins, costLimitPlugin(schema, limits.maxCost)],
  };
}
