import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations for clients and tests: every operation in test/**\/*.graphql becomes a
 * TypedDocumentNode in test/generated/graphql.ts. `npm run codegen -- --check` fails when stale.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['test/**/*.graphql'],
  generates: {
    'test/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        scalars: { DateTime: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false },
      },
    },
  },
};

export default config;
