import { GraphQLError, GraphQLSchema, getNamedType, getNullableType, isListType } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Page size assumed for a paged field called without `first` (the connections' default). */
const DEFAULT_PAGE = 20;
/** Items assumed for a list field without a size argument (catalogue lists, tags, buckets). */
const DEFAULT_LIST = 10;
/** Arguments that bound how many items a list field returns. */
const SIZE_ARGS = ['first', 'last', 'limit', 'top'];

/**
 * Cost of a field: 1 plus its children's cost times the number of items it can return, taken from its `first`
 * (or `limit`/`top`) argument, else {@link DEFAULT_PAGE} for paged fields and {@link DEFAULT_LIST} for other lists.
 */
export const listSizeEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  // Introspection (the playground's schema fetch) is not priced: it is bounded by the schema itself.
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  const sizeArg = SIZE_ARGS.find((name) => field.args.some((a) => a.name === name));
  const given = sizeArg ? args[sizeArg] : undefined;
  let items = 1;
  if (typeof given === 'number' && Number.isFinite(given)) items = Math.max(1, given);
  else if (sizeArg) items = DEFAULT_PAGE;
  // A connection's `edges` hold the page its field's `first` already counted.
  else if (type.name.endsWith('Connection')) items = 1;
  else if (isListType(getNullableType(field.type)) && childComplexity > 0) items = DEFAULT_LIST;
  else if (getNamedType(field.type).name.endsWith('Connection')) items = DEFAULT_PAGE;
  return 1 + childComplexity * items;
};

/**
 * Apollo plugin refusing, before execution, an operation whose estimated cost exceeds `maxComplexity`: every field
 * costs 1 and list fields multiply their selection by their `first` argument (graphql-query-complexity). The error
 * has code `BAD_USER_INPUT`, HTTP 400, and states the cost and the limit.
 */
export function complexityLimitPlugin(schema: GraphQLSchema, maxComplexity: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [listSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (err) {
            throw refusal(err instanceof GraphQLError ? err.message : 'The operation could not be checked against the cost limit');
          }
          if (cost > maxComplexity) {
            throw refusal(
              `Query complexity ${cost} exceeds the limit of ${maxComplexity}: ask for fewer fields or smaller pages (first)`,
            );
          }
        },
      };
    },
  };
}

function refusal(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}
