import {
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLInputField,
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
import { rawIdOf } from '../global-id.js';
import { httpStatus } from '../http-status.js';

/** Declared on an argument or input field whose lists may be longer than the default: `extensions: { maxItems }`. */
export interface ListLimit {
  maxItems: number;
}

type Definition = GraphQLArgument | GraphQLInputField;

const maxItemsOf = (definition: Definition, fallback: number) =>
  typeof definition.extensions?.maxItems === 'number' ? definition.extensions.maxItems : fallback;

/** Pothos marks global ID arguments and input fields, with the types they may name. */
function globalIdProblem(value: unknown, definition: Definition): string | undefined {
  if (!definition.extensions?.isRelayGlobalID || typeof value !== 'string') return undefined;
  const types = (definition.extensions.relayGlobalIDFor as { typename: string }[] | null | undefined)?.map((t) => t.typename);
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const typename = decoded.slice(0, Math.max(0, decoded.indexOf(':')));
  if (!typename || rawIdOf(typename, value) === null) return 'is not a valid ID';
  if (types?.length && !types.includes(typename)) return `must be the ID of a ${types.join(' or ')}, not of a ${typename}`;
  return undefined;
}

/** Every problem in `value` (of `type`, declared by `definition`), with the path the client wrote. */
function problemsIn(value: unknown, type: GraphQLInputType, definition: Definition, limit: number, defaultLimit: number, path: string, found: FieldProblem[]) {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return problemsIn(value, nullable.ofType, definition, defaultLimit, defaultLimit, path, found);
    if (value.length > limit) found.push({ path, message: `must hold at most ${limit} items (it holds ${value.length})` });
    else for (const [i, item] of value.entries()) problemsIn(item, nullable.ofType, definition, defaultLimit, defaultLimit, `${path}.${i}`, found);
    return;
  }
  const badId = globalIdProblem(value, definition);
  if (badId) found.push({ path, message: badId });
  const named = getNamedType(nullable);
  if (!isInputObjectType(named) || typeof value !== 'object') return;
  for (const field of Object.values(named.getFields())) {
    const fieldValue = (value as Record<string, unknown>)[field.name];
    problemsIn(fieldValue, field.type, field, maxItemsOf(field, defaultLimit), defaultLimit, `${path}.${field.name}`, found);
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
        problemsIn(value, argument.type, argument, maxItemsOf(argument, defaultLimit), defaultLimit, node.name.value, found);
      },
    }),
  );
  return found;
}

/**
 * Arguments checked before anything runs, naming each bad one as the client wrote it
 * (`extensions.fields[].path`, e.g. `ids.3` or `input.hashtags`), as BAD_USER_INPUT:
 * - every list, in an argument or inside an input, holds at most `defaultLimit` items unless its
 *   schema declares more (`extensions: { maxItems }`): `nodes(ids:)` with 5,000 ids is refused before
 *   it costs seconds of queries;
 * - every global ID decodes, and names a type the argument takes.
 */
export function useArgumentChecks(defaultLimit: number): Plugin {
  const refuse = (problems: FieldProblem[]) =>
    createGraphQLError(problems.map((p) => `${p.path}: ${p.message}`).join('; '), {
      extensions: { code: 'BAD_USER_INPUT', fields: problems, http: httpStatus(400) },
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
