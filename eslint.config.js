import tseslint from 'typescript-eslint';

// The domain libraries stay pure: only @kenpo/kernel and the standard library (no I/O modules).
const frameworkAndInfrastructure = [
  '@nestjs/*',
  'bullmq',
  'ioredis',
  'mongodb',
  'better-sqlite3',
  '@eventstore/*',
  'express',
  'pino',
  'node:fs',
  'node:fs/*',
  'fs',
  'node:net',
  'node:http',
  'node:child_process',
  'node:process',
  '@kenpo/event-store',
  '@kenpo/read-models',
  '@kenpo/platform',
  '@kenpo/security',
  '@kenpo/testing',
];

export default tseslint.config(
  {
    ignores: [
      'apps/back-office-api/src/openapi.metadata.ts',
      'libs/api-client/src/openapi.ts',
      '**/dist/**',
      '**/node_modules/**',
      'var/**',
      'coverage/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: [
      'libs/kernel/src/**/*.ts',
      'libs/membership/src/**/*.ts',
      'libs/benefits/src/**/*.ts',
      'libs/payouts/src/**/*.ts',
    ],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: frameworkAndInfrastructure,
              message:
                'Domain libraries import only @kenpo/kernel: no framework, database, queue or I/O (conventions.md, Shape 1).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/membership/src/**/*.ts', 'libs/benefits/src/**/*.ts', 'libs/payouts/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Domain code gets configuration and time through the command.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Time enters with the command (conventions.md, Shape 3).' },
        { object: 'Math', property: 'random', message: 'Ids and randomness enter with the command.' },
      ],
    },
  },
);
