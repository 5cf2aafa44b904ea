import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents for the operations in src/, from the gateway's committed schema. */
const config: CodegenConfig = {
  schema: 'apps/gateway/schema.graphql',
  documents: ['examples/typed-client/src/**/*.ts', '!examples/typed-client/src/gql/**'],
  generates: {
    'examples/typed-client/src/gql/': {
      preset: 'client',
      config: {
        scalars: { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
