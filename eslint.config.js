import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'packages/server/src/db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // config is the only module that may read the environment
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read settings through packages/server/src/config.ts',
        },
      ],
    },
  },
  {
    files: [
      'packages/server/src/config.ts',
      'scripts/**',
      'e2e/**',
      '**/*.config.ts',
      '**/test/**',
      // tests start processes with their own environment
      '**/*.test.ts',
      'packages/server/src/test/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  prettier,
);
