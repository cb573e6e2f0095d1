import { createHash } from 'node:crypto';
import { type DefinitionNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse, print, visit } from 'graphql';

export interface PersistedOperation {
  name: string;
  /** Hex sha256 of `document`: what clients send as `extensions.persistedQuery.sha256Hash` or `documentId`. */
  hash: string;
  /** The operation and every fragment it reaches, printed as `graphql`'s `print` does on the client. */
  document: string;
}

export const persistedOperationHash = (document: string): string => createHash('sha256').update(document).digest('hex');

const isOperation = (d: DefinitionNode): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION;
const isFragment = (d: DefinitionNode): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION;

/** The fragments a definition spreads, transitively, in the order they are first reached. */
function fragmentsReachedFrom(root: DefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const reached = new Map<string, FragmentDefinitionNode>();
  const walk = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (reached.has(name)) return;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`fragment ${name} is used but not defined`);
        reached.set(name, fragment);
        walk(fragment);
      },
    });
  walk(root);
  return [...reached.values()];
}

/** Every named operation in the GraphQL sources (fragments may live in any of them), as clients send it. */
export function persistedOperations(sources: readonly string[]): PersistedOperation[] {
  const definitions = sources.flatMap((source) => parse(source).definitions);
  const fragments = new Map(definitions.filter(isFragment).map((f) => [f.name.value, f]));
  const operations = definitions.filter(isOperation);
  const unnamed = operations.filter((o) => !o.name);
  if (unnamed.length) throw new Error(`${unnamed.length} operation(s) have no name; persisted operations need one`);
  return operations.map((operation) => {
    const document = print({ kind: Kind.DOCUMENT, definitions: [operation, ...fragmentsReachedFrom(operation, fragments)] });
    return { name: operation.name!.value, hash: persistedOperationHash(document), document };
  });
}

/** The manifest the server loads (PERSISTED_OPERATIONS_MANIFEST): `{ "<sha256>": "<document>" }`. */
export function manifestOf(operations: readonly PersistedOperation[]): Record<string, string> {
  return Object.fromEntries(operations.map((o) => [o.hash, o.document]));
}
