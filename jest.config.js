export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  modulePathIgnorePatterns: ['<rootDir>/(apps|libs)/[^/]+/dist/'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@kenpo/(projector|payment-worker|back-office-api)$': '<rootDir>/apps/$1/src/index.ts',
    '^@kenpo/([^/]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^@kenpo/platform/validation$': '<rootDir>/libs/platform/src/validation/index.ts',
    '^@kenpo/payment-worker/payout-views$': '<rootDir>/apps/payment-worker/src/views/payout-views.service.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        sourceMaps: 'inline',
        jsc: {
          target: 'es2023',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
      },
    ],
  },
  reporters: ['default', '<rootDir>/jest.summary-reporter.js'],
  testTimeout: 30_000,
  // The end-to-end files mostly wait on child processes, Redis and fsync: on 2 cores, 1 worker took 401 s, 2 took
  // 286 s and 3 take 201 s of the same suite (quiet machine, 2026-12-01).
  maxWorkers: 3,
  testSequencer: '<rootDir>/jest.sequencer.js',
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
};
