// Shared Jest settings: swc transpiles TypeScript (with decorator metadata for
// type-graphql); type checking is the `typecheck` target's job.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const workspaceRoot = __dirname;

/** Maps the `@docent/*` path aliases of tsconfig.base.json for Jest's resolver. */
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[/]/g, '\\/')}$`,
    path.join(workspaceRoot, target),
  ]),
);

const base = {
  testEnvironment: 'node',
  moduleNameMapper,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'cjs', 'mjs', 'json'],
  testTimeout: 120_000,
};

/**
 * A project's Jest config with its test layers as Jest projects: `unit` specs sit beside the
 * code (src/) and need no database, model or server; the suites in test/ talk to real ones
 * (`integration` for libs, `e2e` for apps). Targets pick a layer with `--selectProjects`.
 */
function testLayers(projectDir, projectName, suitesLayer) {
  const layer = (name, folder) => ({ ...base, displayName: name, rootDir: projectDir, testMatch: [`<rootDir>/${folder}/**/*.spec.ts`] });
  const layers = suitesLayer ? [layer('unit', 'src'), layer(suitesLayer, 'test')] : [layer('unit', 'src')];
  // testTimeout is a global option: Jest ignores it inside `projects`.
  return { displayName: projectName, rootDir: projectDir, testTimeout: base.testTimeout, projects: layers };
}

module.exports = { testLayers };
