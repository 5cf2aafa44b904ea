import type { CodegenConfig } from '@graphql-codegen/cli';

const clientPreset = {
  preset: 'client',
  config: {
    scalars: { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>', Upload: 'Blob' },
    enumsAsTypes: true,
    useTypeImports: true,
  },
} as const;

/**
 * Typed documents, from the gateway's committed schema, for each client in this repository:
 * the typed-client example and the CLI. A schema change that breaks either fails to compile.
 */
const config: CodegenConfig = {
  schema: 'apps/gateway/schema.graphql',
  generates: {
    'examples/typed-client/src/gql/': { ...clientPreset, documents: ['examples/typed-client/src/**/*.ts', '!examples/typed-client/src/gql/**'] },
    // The CLI reads fragments where it spreads them: no masking.
    'apps/cli/src/gql/': {
      ...clientPreset,
      presetConfig: { fragmentMasking: false },
      documents: ['apps/cli/src/**/*.ts', '!apps/cli/src/gql/**', '!apps/cli/src/**/*.spec.ts'],
    },
  },
};

export default config;
