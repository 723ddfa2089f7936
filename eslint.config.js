import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'migrations/**', 'data/**', 'coverage/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Only src/config.ts may read the environment.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through src/config.ts.' }],
    },
  },
  {
    files: ['src/config.ts', 'test/**', 'vitest.config.ts', 'vitest.chaos.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Dependencies point inwards: the core knows ports, not platforms. Only the
    // composition root and the CLI entry points pick a platform.
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts', 'src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/adapters/**'], message: 'src/ depends on src/ports, not on adapters/: only src/main.ts and src/cli/ wire platforms in.' }] }],
    },
  },
);
