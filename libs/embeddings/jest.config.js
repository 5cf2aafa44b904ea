module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'embeddings',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
