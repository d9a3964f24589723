import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // The core runs unchanged in the worker, the CLI and tests: nothing from the renderer or electron.
    files: ['shared/**/*.ts'],
    ignores: ['shared/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/renderer/**', '**/electron/**', 'node:*', 'fs', 'path', 'react', 'konva'] },
      ],
    },
  },
  {
    // Layering inside the core (shared/README.md): the document and the kinds' specs are pure data
    // that the renderer reads, so they never pull in the engine or the kinds' simulation hooks.
    files: [
      'shared/document/**/*.ts',
      'shared/kinds/index.ts',
      'shared/kinds/kindSpec.ts',
      'shared/kinds/codes.ts',
      'shared/kinds/common/paramSpecs.ts',
      'shared/kinds/*/*.ts',
      'shared/format.ts',
    ],
    ignores: [
      '**/*.test.ts',
      'shared/kinds/*/sim.ts',
      'shared/kinds/common/serving.ts',
      'shared/kinds/common/retry.ts',
      'shared/kinds/cache/cacheStore.ts',
      // The database's replication structures (simulation side, beside its sim.ts).
      'shared/kinds/database/keyApplyTimes.ts',
      'shared/kinds/database/streamLag.ts',
      'shared/kinds/database/partitionLedger.ts',
      'shared/kinds/database/partition.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '**/renderer/**',
            '**/electron/**',
            'node:*',
            'fs',
            'path',
            'react',
            'konva',
            '**/engine/**',
            '**/dispatch',
            '**/sim',
            '**/common/serving',
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}', '*.js', '*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
);
