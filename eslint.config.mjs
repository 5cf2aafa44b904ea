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
      // documents -> embeddings, persistence; auth -> persistence; the rest depend on nothing of ours.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'scope:gateway',
              onlyDependOnLibsWithTags: ['scope:auth', 'scope:documents', 'scope:embeddings', 'scope:persistence'],
            },
            { sourceTag: 'scope:auth', onlyDependOnLibsWithTags: ['scope:persistence'] },
            { sourceTag: 'scope:documents', onlyDependOnLibsWithTags: ['scope:embeddings', 'scope:persistence'] },
            { sourceTag: 'scope:embeddings', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:persistence', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:engine', 'type:data-access'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:engine', 'type:data-access'] },
            { sourceTag: 'type:engine', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: [] },
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
