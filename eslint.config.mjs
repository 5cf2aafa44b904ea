import nx from '@nx/eslint-plugin';

const DATABASE_ONLY_IN_PERSISTENCE = { group: ['@prisma/*', 'prisma', 'pg', '@electric-sql/*'], message: 'Database access lives in @docent/persistence.' };
const GRAPHQL_ONLY_IN_GRAPHQL_FOLDERS = {
  group: ['graphql', 'graphql-*', 'type-graphql', '@apollo/*', '@docent/graphql', '@docent/*/graphql', '**/graphql', '**/graphql/*'],
  message: 'GraphQL code lives in the graphql/ folders and the gateway, never in domain code or the worker.',
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/generated', 'examples/*/src/gql', 'apps/cli/src/gql', 'reports', 'tmp', '.nx', '.docent'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      // The arrows of the design: gateway -> auth, documents, embeddings, persistence;
      // documents -> embeddings, persistence; auth -> persistence.
      // Shared below them all: graphql (connections, cost, error mapping) for the libs' resolvers,
      // and common (the error type, pages, environment parsing), which depends on nothing.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'scope:gateway',
              onlyDependOnLibsWithTags: ['scope:auth', 'scope:documents', 'scope:embeddings', 'scope:persistence', 'scope:graphql', 'scope:shared'],
            },
            // The CLI is a client like any other: it reaches Docent over HTTP and WebSocket only.
            { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:auth', onlyDependOnLibsWithTags: ['scope:persistence', 'scope:graphql', 'scope:shared'] },
            { sourceTag: 'scope:documents', onlyDependOnLibsWithTags: ['scope:embeddings', 'scope:persistence', 'scope:graphql', 'scope:shared'] },
            { sourceTag: 'scope:embeddings', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:persistence', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:graphql', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:engine', 'type:data-access', 'type:util'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:engine', 'type:data-access', 'type:util'] },
            { sourceTag: 'type:engine', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
          ],
        },
      ],
    },
  },
  {
    // Prisma stays inside persistence: other projects see its repositories, never its types.
    files: ['apps/**/*.ts', 'libs/auth/**/*.ts', 'libs/documents/**/*.ts', 'libs/embeddings/**/*.ts', 'libs/graphql/**/*.ts', 'libs/common/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [DATABASE_ONLY_IN_PERSISTENCE] }] },
  },
  {
    // Domain code knows nothing of GraphQL: a lib's resolvers, types and context live in its
    // graphql/ folder, reached through its `/graphql` entry point. The document worker's
    // composition must never load them (it runs without an API).
    files: [
      'libs/auth/src/**/*.ts',
      'libs/documents/src/**/*.ts',
      'libs/embeddings/src/**/*.ts',
      'libs/common/src/**/*.ts',
      'apps/gateway/src/worker.ts',
      'apps/gateway/src/composition/core.ts',
      'apps/gateway/src/composition/worker.ts',
      'apps/gateway/src/composition/active-model.ts',
    ],
    ignores: ['libs/*/src/graphql/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [DATABASE_ONLY_IN_PERSISTENCE, GRAPHQL_ONLY_IN_GRAPHQL_FOLDERS] }] },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
