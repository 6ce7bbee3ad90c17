// What is refused in a request's raw input before the parser or a resolver sees it: nesting
// deep enough to overflow the parser's stack, and text PostgreSQL cannot store.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode } from 'graphql';

/** Brackets deeper than this are refused before parsing (selections stop at GRAPHQL_MAX_DEPTH). */
export const MAX_NESTING = 100;

/**
 * The deepest nesting of (), [] and {} in a GraphQL document, outside strings and comments.
 * graphql-js parses recursively: 3,000 nested list brackets overflow its stack before the token
 * limit stops it, and the answer would carry a JavaScript error text.
 */
export function nestingDepth(query: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === '#') {
      while (i < query.length && query[i] !== '\n' && query[i] !== '\r') i++;
    } else if (c === '"') {
      if (query.startsWith('"""', i)) {
        i += 3;
        while (i < query.length && !query.startsWith('"""', i)) i += query[i] === '\\' ? 2 : 1;
        i += 2;
      } else {
        i++;
        while (i < query.length && query[i] !== '"' && query[i] !== '\n')
          i += query[i] === '\\' ? 2 : 1;
      }
    } else if (c === '(' || c === '[' || c === '{') {
      deepest = Math.max(deepest, ++depth);
    } else if (c === ')' || c === ']' || c === '}') {
      depth--;
    }
  }
  return deepest;
}

/** UTF-16 halves without their pair. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The NUL character and lone surrogates: PostgreSQL refuses both in text. */
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

function hasUnstorableText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return unstorable(value);
  if (value === null || typeof value !== 'object' || depth > 32) return false;
  return Object.values(value).some((v) => hasUnstorableText(v, depth + 1));
}

function documentHasUnstorableText(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (unstorable(node.value)) found = true;
    },
  });
  return found;
}

/** Refuses text that could not be stored, in variables or in the document, as BAD_USER_INPUT. */
export const storableTextPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        if (hasUnstorableText(request.variables) || documentHasUnstorableText(document)) {
          throw new GraphQLError(
            'Text may not contain the NUL character (U+0000) or an unpaired UTF-16 surrogate.',
            { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
          );
        }
      },
    };
  },
};
