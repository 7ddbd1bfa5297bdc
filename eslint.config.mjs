import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** Services and libraries use libraries; test-only libraries (type:test-lib) only where `forTests` allows them. */
const moduleBoundaries = (forTests) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib', ...forTests] },
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', ...forTests] },
      { sourceTag: 'type:test-lib', onlyDependOnLibsWithTags: ['type:lib'] },
    ],
  },
];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.local/**', '.nx/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      // A service never imports another service; libraries are used through their index.
      '@nx/enforce-module-boundaries': moduleBoundaries([]),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='forwardRef']",
          message: 'No forwardRef: untangle the module dependency instead.',
        },
      ],
    },
  },
  {
    // Test-only libraries (type:test-lib, e.g. the test PKI) are for tests: a service's shipped src cannot import them.
    files: [
      '**/*.spec.ts',
      '**/*.integration-spec.ts',
      'e2e/**/*.ts',
      'services/*/test/**/*.ts',
      'libs/*/test/**/*.ts',
    ],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(['type:test-lib']),
    },
  },
  {
    // Only the config module reads the environment (ARCHITECTURE.md §2).
    files: ['services/*/src/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through the service config class.',
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'infra/**/*.mjs', 'bench/**/*.mjs', '*.js', '*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        AbortSignal: 'readonly',
        Buffer: 'readonly',
        module: 'writable',
        require: 'readonly',
        __dirname: 'readonly',
      },
    },
  },
  {
    // Browser scripts served as they are (the metrics dashboard's assets/).
    files: ['services/*/src/**/assets/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: {
        window: 'readonly',
        document: 'readonly',
        location: 'readonly',
        sessionStorage: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        Intl: 'readonly',
        Node: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
  prettier,
];
