import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { type ASTVisitor, GraphQLError, getNamedType, isIntrospectionType, type ValidationContext } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { httpStatus } from '../http-status.js';

/**
 * Limits on the shape of an operation, far above what the app's own operations need
 * (test/security/operation-limits.test.ts runs every operation in test/operations) and far
 * below what abuse needs. Cost is left to the Pothos complexity plugin (src/graphql/builder.ts:
 * complexity 5000 with list multipliers, depth 12, breadth 200, same QUERY_TOO_COMPLEX code):
 * armor's cost model ignores `first` and grows with depth, so it refused ordinary nested pages.
 */
const OPERATION_LIMITS = {
  depth: 12,
  aliases: 20,
  directives: 30,
  tokens: 3000,
} as const;

const tooComplex = (message: string) =>
  createGraphQLError(message.replace(/^Syntax Error: /, ''), { extensions: { code: 'QUERY_TOO_COMPLEX', http: httpStatus(400) } });

/** Armor reports plain errors; ours carry a code. Token limits fail in the parser (no context): throw there. */
function reject(ctx: ValidationContext | null, error: GraphQLError) {
  const coded = tooComplex(error.message);
  if (!ctx) throw coded;
  ctx.reportError(coded);
}

/** graphql's NoSchemaIntrospectionCustomRule, with a code clients can tell apart from other validation errors. */
function noIntrospection(ctx: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      const type = getNamedType(ctx.getType());
      if (!type || !isIntrospectionType(type)) return;
      const message = `Introspection is disabled on this server, but the operation selects "${node.name.value}".`;
      ctx.reportError(createGraphQLError(message, { nodes: node, extensions: { code: 'INTROSPECTION_DISABLED', http: httpStatus(400) } }));
    },
  };
}

const SUGGESTION = / Did you mean [^?]*\?$/;

/**
 * graphql-js suggests names in more messages than armor's field rule covers (an enum value, an
 * argument, an input field): with introspection off, none may name what the schema hides.
 */
function withoutSuggestion<E extends Error>(error: E): E | GraphQLError {
  if (!(error instanceof GraphQLError) || !SUGGESTION.test(error.message)) return error;
  return new GraphQLError(error.message.replace(SUGGESTION, ''), {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

const callbacks = { onReject: [reject], propagateOnRejection: false, exposeLimits: true };

/** graphql-armor's limits on aliases, directives, depth and tokens, plus introspection off when configured. */
export function useOperationLimits(options: { introspection: boolean }): Plugin[] {
  const armor = new EnvelopArmor({
    maxAliases: { n: OPERATION_LIMITS.aliases, ...callbacks },
    maxDirectives: { n: OPERATION_LIMITS.directives, ...callbacks },
    maxDepth: { n: OPERATION_LIMITS.depth, flattenFragments: true, ignoreIntrospection: true, ...callbacks },
    maxTokens: { n: OPERATION_LIMITS.tokens, ...callbacks },
    costLimit: { enabled: false },
    // Suggestions ("Did you mean ...?") would leak the schema that disabled introspection hides.
    blockFieldSuggestion: { enabled: !options.introspection },
  });
  const plugins: Plugin[] = armor.protect().plugins as Plugin[];
  if (!options.introspection) {
    plugins.push({
      onValidate({ addValidationRule }) {
        addValidationRule(noIntrospection);
        return ({ result, setResult }) => setResult(result.map(withoutSuggestion));
      },
      onExecute: () => ({
        onExecuteDone({ result, setResult }) {
          if ('errors' in result && result.errors?.length) setResult({ ...result, errors: result.errors.map(withoutSuggestion) });
        },
      }),
    });
  }
  return plugins;
}
