import {
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { FieldProblem } from '../../shared/errors.js';

/** Declared on an argument or input field whose lists may be longer than the default: `extensions: { maxItems }`. */
export interface ListLimit {
  maxItems: number;
}

const maxItemsOf = (extensions: Readonly<Record<string, unknown>> | null | undefined, fallback: number) =>
  typeof extensions?.maxItems === 'number' ? extensions.maxItems : fallback;

/** Every list in `value` (of `type`) longer than its limit, with the path the client wrote. */
function overlongLists(value: unknown, type: GraphQLInputType, limit: number, defaultLimit: number, path: string, found: FieldProblem[]) {
  const nullable = getNullableType(type);
  if (value === null || value === undefined) return;
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return overlongLists(value, nullable.ofType, defaultLimit, defaultLimit, path, found);
    if (value.length > limit) found.push({ path, message: `must hold at most ${limit} items (it holds ${value.length})` });
    else for (const [i, item] of value.entries()) overlongLists(item, nullable.ofType, defaultLimit, defaultLimit, `${path}.${i}`, found);
    return;
  }
  const named = getNamedType(nullable);
  if (!isInputObjectType(named) || typeof value !== 'object') return;
  for (const field of Object.values(named.getFields())) {
    const fieldLimit = maxItemsOf(field.extensions, defaultLimit);
    overlongLists((value as Record<string, unknown>)[field.name], field.type, fieldLimit, defaultLimit, `${path}.${field.name}`, found);
  }
}

function check(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | null | undefined, defaultLimit: number): FieldProblem[] {
  const found: FieldProblem[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (!argument) return;
        const value = valueFromASTUntyped(node.value, variables ?? undefined);
        overlongLists(value, argument.type, maxItemsOf(argument.extensions, defaultLimit), defaultLimit, node.name.value, found);
      },
    }),
  );
  return found;
}

/**
 * Every list argument, and every list inside an input, holds at most `defaultLimit` items unless its
 * schema declares more (`extensions: { maxItems }`): `nodes(ids:)` with 5,000 ids is refused before it
 * runs, as BAD_USER_INPUT naming the argument, instead of costing seconds of queries.
 */
export function useListLimits(defaultLimit: number): Plugin {
  const refuse = (problems: FieldProblem[]) =>
    createGraphQLError(problems.map((p) => `${p.path}: ${p.message}`).join('; '), {
      extensions: { code: 'BAD_USER_INPUT', fields: problems, http: { status: 400 } },
    });
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const problems = check(args.schema, args.document, args.variableValues, defaultLimit);
      if (problems.length) setResultAndStopExecution({ errors: [refuse(problems)] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const problems = check(args.schema, args.document, args.variableValues, defaultLimit);
      if (problems.length) setResultAndStopExecution({ errors: [refuse(problems)] });
    },
  };
}
