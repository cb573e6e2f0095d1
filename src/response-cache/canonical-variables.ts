import { type DocumentNode, Kind, parse, visit } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Rewrites an argument value to the one every equivalent value shares (e.g. search words in one order). */
export type ArgumentCanonicalizer = (value: unknown) => unknown;

/** Root-field arguments ("searchPosts.query") whose equivalent values get the same answer. */
export type CanonicalArguments = Readonly<Record<string, ArgumentCanonicalizer>>;

type Plan = ReadonlyMap<string, ArgumentCanonicalizer>;

const NOTHING: Plan = new Map();
/** Characters of document text whose plans are remembered. */
const PLANS_CHARS = 2_000_000;

/** Variables used only as canonical root-field arguments, each with its one canonicalizer. */
function planOf(document: DocumentNode, canonical: CanonicalArguments): Plan {
  const uses = new Map<string, number>();
  visit(document, {
    VariableDefinition: () => false,
    Variable(node) {
      uses.set(node.name.value, (uses.get(node.name.value) ?? 0) + 1);
    },
  });
  const rooted = new Map<string, { canonicalize: ArgumentCanonicalizer; uses: number }>();
  const unsafe = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== 'query') continue;
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      for (const argument of selection.arguments ?? []) {
        if (argument.value.kind !== Kind.VARIABLE) continue;
        const name = argument.value.name.value;
        const canonicalize = canonical[`${selection.name.value}.${argument.name.value}`];
        const known = rooted.get(name);
        if (!canonicalize || (known && known.canonicalize !== canonicalize)) unsafe.add(name);
        else rooted.set(name, { canonicalize, uses: (known?.uses ?? 0) + 1 });
      }
    }
  }
  const plan = new Map<string, ArgumentCanonicalizer>();
  // A variable also used anywhere else (another argument, a nested field) keeps its value.
  for (const [name, { canonicalize, uses: n }] of rooted) if (!unsafe.has(name) && uses.get(name) === n) plan.set(name, canonicalize);
  return plan;
}

/**
 * The variables of a request as its response key sees them: those feeding only canonical root-field
 * arguments are canonicalized, so equivalent requests share one cached answer. Plans are computed
 * once per document text; a document that does not parse keeps its variables (Yoga rejects it).
 */
export function createVariableCanonicalizer(canonical: CanonicalArguments) {
  const plans = new LRUCache<string, Plan>({ maxSize: PLANS_CHARS, sizeCalculation: (_, query) => Math.max(1, query.length) });
  const enabled = Object.keys(canonical).length > 0;
  function plan(query: string): Plan {
    let known = plans.get(query);
    if (known) return known;
    try {
      known = planOf(parse(query, { noLocation: true }), canonical);
    } catch {
      known = NOTHING;
    }
    plans.set(query, known);
    return known;
  }
  return (query: string, variables: unknown): unknown => {
    if (!enabled || !variables || typeof variables !== 'object' || Array.isArray(variables)) return variables;
    const steps = plan(query);
    if (!steps.size) return variables;
    const values = { ...(variables as Record<string, unknown>) };
    for (const [name, canonicalize] of steps) if (name in values) values[name] = canonicalize(values[name]);
    return values;
  };
}
