import { type DocumentNode, type GraphQLSchema, getOperationAST, Kind } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { ServerContext } from '../../server-context.js';
import { httpStatusOf } from '../errors.js';

/**
 * Declared on a root field (`extensions: { runsWithRefusedToken: true }`) that must work for a client
 * whose access token was refused (expired or ended): it runs as anonymous instead. Clients keep
 * sending the token they have, also with the request that renews it.
 */
export type RunsWithRefusedToken = true;

const documents = new WeakMap<object, DocumentNode>();

function onlyTolerantFields(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): boolean {
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return false;
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && root.getFields()[selection.name.value]?.extensions.runsWithRefusedToken === true,
  );
}

/**
 * Refused credentials (a bad, expired or ended token) fail the whole operation with the edge's reason
 * (401 UNAUTHENTICATED), unless every field it selects runs with a refused token. Decided when the
 * context is built, after parsing, so it holds over every transport.
 */
export function useRefusedToken(schema: GraphQLSchema): Plugin<{ params?: { operationName?: string | null } } & Partial<ServerContext>> {
  return {
    onParse:
      () =>
      ({ result, context }) => {
        if (result && typeof result === 'object' && 'kind' in result && result.kind === Kind.DOCUMENT) documents.set(context, result);
      },
    onContextBuilding({ context }) {
      const refused = context.edge?.authError;
      if (!refused) return;
      const document = documents.get(context);
      if (document && onlyTolerantFields(schema, document, context.params?.operationName)) return;
      throw createGraphQLError(refused.message, { extensions: { code: refused.code, http: { status: httpStatusOf(refused.code) ?? 401 } } });
    },
  };
}
