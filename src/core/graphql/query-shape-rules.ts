import { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';

/** Limits on the shape of one operation, checked while validating it (so an oversized query never runs). */
export interface QueryShapeLimits {
  maxDepth: number;
  maxAliases: number;
}

/**
 * GraphQL validation rules refusing operations nested deeper than `maxDepth` fields or using more than `maxAliases`
 * aliases (graphql-armor's rules); fragments count by the fields they hold, not as a level of their own. The refusal is a validation error (`BAD_USER_INPUT` once formatted) whose message
 * states the limit. Introspection's `__schema` is not counted.
 */
export function queryShapeRules(limits: QueryShapeLimits): ValidationRule[] {
  // graphql-armor prefixes its messages with "Syntax Error:"; these are limits, not syntax, so report them cleanly.
  const report = (ctx: ValidationContext | null, err: GraphQLError) =>
    ctx?.reportError(new GraphQLError(err.message.replace(/^Syntax Error:\s*/, ''), { extensions: { code: 'BAD_USER_INPUT' } }));
  return [
    knownOperationTypeRule,
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, exposeLimits: true, propagateOnRejection: false, onReject: [report] }),
    maxAliasesRule({ n: limits.maxAliases, exposeLimits: true, propagateOnRejection: false, onReject: [report] }),
  ] as unknown as ValidationRule[];
}

/**
 * Refuses operations of a type the schema does not have (e.g. `subscription` here): graphql-js only notices at
 * execution, with an error that has no code and would be masked as an internal one.
 */
export const knownOperationTypeRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(
        new GraphQLError(`This API has no ${node.operation} operations`, { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } }),
      );
    }
  },
});
