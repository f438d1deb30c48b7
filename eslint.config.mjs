// npm run lint: typescript-eslint's type-checked rules over src/ (npm test runs it first).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/features/tab/web/**', 'scripts/**', 'bench/**', 'test/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A leading underscore marks what is left out on purpose (`const { etag: _etag, ...doc } = x`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Handlers satisfy Promise-returning interfaces; `async` keeps a throw a rejection even without an await.
      '@typescript-eslint/require-await': 'off',
    },
  },
);
