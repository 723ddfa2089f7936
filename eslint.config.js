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
    // Store reads and writes are async (SQLite through a gate, Postgres over the wire): a call not
    // awaited would run outside its transaction or race the next step, and an async callback
    // given to filter/some/sort would test a promise, which is always truthy.
    files: ['src/**/*.ts', 'adapters/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // The web console's pages: plain browser modules served as they are (no build step).
    files: ['src/web/static/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(['window', 'document', 'fetch', 'EventSource', 'CSS', 'HTMLElement', 'Element', 'URLSearchParams', 'console', 'performance', 'requestAnimationFrame', 'setTimeout'].map((name) => [name, 'readonly'])),
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
