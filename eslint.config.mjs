// @ts-check
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** The pure libraries decide; they never do IO and never know the frameworks around them. */
const PURE_LIBRARY_IMPORTS = {
  patterns: [
    {
      group: ['@nestjs/*', 'typeorm', 'pg', 'pg-*', 'kafkajs', '@eventstore/*', '@electric-sql/*', 'node:fs', 'fs', 'node:net', 'node:http'],
      message: 'libs/domain and libs/timescales are pure: no Nest, TypeORM, pg, Kafka, EventStoreDB or IO. Do that in an adapter or an app.',
    },
    {
      group: ['@csc/event-store', '@csc/projections', '@csc/messaging', '**/apps/**'],
      message: 'libs/domain and libs/timescales may not depend on infrastructure libraries or apps.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'infra/kafka/.runtime/**', 'test/bench/results/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|describe|test)$/]",
          message: 'Focused tests hide the rest of the suite.',
        },
      ],
    },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**'], message: 'Libraries may not import from apps.' }] }] },
  },
  {
    files: ['apps/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/case-tracker/**'], message: 'The CLI shares code with the service through libs/, never by reaching into apps/case-tracker.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/case-tracker/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/apps/cli/**', '**/cli/src/**'], message: 'The service may not depend on the CLI; share through libs/.' }] },
      ],
    },
  },
  // Listed after the general rule for libs, so that this stricter one applies to the pure libraries.
  {
    files: ['libs/domain/**/*.ts', 'libs/timescales/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/timescales/scripts/**'],
    rules: { 'no-restricted-imports': ['error', PURE_LIBRARY_IMPORTS] },
  },
);
