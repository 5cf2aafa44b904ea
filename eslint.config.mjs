import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/generated', 'examples/*/src/gql', 'reports', 'tmp', '.nx', '.docent'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      // The arrows of the design: gateway -> auth, documents, embeddings, persistence;
      // documents -> embeddings, persistence; auth -> persistence; embeddings -> nothing of ours.
      // Shared below them all: graphql (connections, cost, error mapping) for the libs' resolvers,
      // and common (the error type, pages), which depends on nothing.
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
            { sourceTag: 'scope:auth', onlyDependOnLibsWithTags: ['scope:persistence', 'scope:graphql', 'scope:shared'] },
            { sourceTag: 'scope:documents', onlyDependOnLibsWithTags: ['scope:embeddings', 'scope:persistence', 'scope:graphql', 'scope:shared'] },
            { sourceTag: 'scope:embeddings', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:persistence', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:graphql', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:engine', 'type:data-access', 'type:util'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:engine', 'type:data-access', 'type:util'] },
            { sourceTag: 'type:engine', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
          ],
        },
      ],
    },
  },
  {
    // Prisma stays inside persistence: other projects see its repositories, never its types.
    files: ['apps/**/*.ts', 'libs/auth/**/*.ts', 'libs/documents/**/*.ts', 'libs/embeddings/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@prisma/*', 'prisma', 'pg', '@electric-sql/*'], message: 'Database access lives in @docent/persistence.' }] },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
