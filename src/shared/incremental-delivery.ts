import { BREAK, type DocumentNode, visit } from 'graphql';

const asked = new WeakMap<DocumentNode, boolean>();

/**
 * Whether a document asks for incremental delivery (`@defer` or `@stream`): its answer comes in
 * parts, which graphql-jit cannot produce and the response cache does not store.
 */
export function asksForIncrementalDelivery(document: DocumentNode): boolean {
  let found = asked.get(document);
  if (found !== undefined) return found;
  found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value !== 'defer' && node.name.value !== 'stream') return;
      found = true;
      return BREAK;
    },
  });
  asked.set(document, found);
  return found;
}
