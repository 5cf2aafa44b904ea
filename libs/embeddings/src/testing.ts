// Test and benchmark support: generated, untrained fixture models. Not for production code.
export { FIXTURE_MODELS, defaultFixtureModelsDir, ensureFixtureModel } from './testing/fixture-models';
export type { FixtureModelName } from './testing/fixture-models';
