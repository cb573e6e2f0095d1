import { type DocumentNode, type GraphQLSchema, TypeInfo, visit, visitWithTypeInfo } from 'graphql';

export interface DeclaredField<T> {
  /** What the field declares in its schema extensions. */
  declared: T;
  field: string;
  /** Its alias, or its name: where its answer (or error) goes. */
  responseKey: string;
}

/**
 * Every field an operation selects whose schema `extensions` declare something `read` recognises,
 * once per occurrence (aliases each count): how plugins find the fields a policy applies to.
 */
export function fieldsDeclaring<T>(
  schema: GraphQLSchema,
  document: DocumentNode,
  read: (extensions: Record<string, unknown>) => T | undefined,
): DeclaredField<T>[] {
  const found: DeclaredField<T>[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        const declared = field ? read(field.extensions as Record<string, unknown>) : undefined;
        if (field && declared !== undefined) found.push({ declared, field: field.name, responseKey: node.alias?.value ?? node.name.value });
      },
    }),
  );
  return found;
}
