// ESLint flat config. The one project rule that matters most: src/core stays free of `vscode`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', 'test/grammar/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core is pure TypeScript: make Ranges, Diagnostics and localised text in the VS Code layer.' }],
        patterns: [{ group: ['../**/extension', '**/features/**'], message: 'src/core must not depend on the VS Code layer.' }],
      }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
