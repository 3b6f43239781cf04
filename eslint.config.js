// One lint configuration for the workspace. It holds the conventions the team agreed on (STYLE.md):
// features never import each other, no upward imports, no import cycles, kebab-case file names,
// and no package reaching into another package's source by relative path.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import checkFile from 'eslint-plugin-check-file';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A boundaries policy: files of element `from` may import elements of the listed types. */
const layer = (from, to) => ({ from: { element: { type: from } }, allow: [{ to: { element: { types: { anyOf: to } } } }] });

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.test-cache/**', '**/data/**', 'migrations/**', '**/*.d.ts'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off',
    },
  },
  // Kebab-case file and folder names (a role suffix such as `.service.ts` or `.test.ts` is allowed).
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { 'check-file': checkFile },
    rules: {
      'check-file/filename-naming-convention': ['error', { '**/*.{ts,tsx,js}': 'KEBAB_CASE' }, { ignoreMiddleExtensions: true }],
      'check-file/folder-naming-convention': ['error', { '{api,web,shared}/**/': 'KEBAB_CASE' }],
    },
  },
  // No import cycles anywhere.
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [
        (await import('eslint-import-resolver-typescript')).createTypeScriptImportResolver({
          project: ['api/tsconfig.json', 'web/tsconfig.json', 'shared/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // A package never reaches into another package's source by a relative path; it imports @banso/shared.
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(web|api|shared)/src/',
              message: 'Import another workspace package by its name (@banso/shared), never by a relative path.',
            },
          ],
        },
      ],
    },
  },
  // shared/ is pure: no Fastify, drizzle, pg or React.
  {
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(fastify|drizzle-orm|pg|react|react-dom|@xyflow/react|@tanstack/.*)(/.*)?$',
              message: 'shared/ has no runtime dependency on Fastify, drizzle, pg or React (DESIGN §2).',
            },
          ],
        },
      ],
    },
  },
  // Web: one-way imports app → features → api|components|lib|i18n; features never import each other.
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { boundaries, 'react-hooks': reactHooks },
    settings: {
      'boundaries/include': ['web/src/**/*'],
      'boundaries/elements': [
        { type: 'app', pattern: 'web/src/app' },
        { type: 'feature', pattern: 'web/src/features/*', capture: ['feature'] },
        { type: 'api', pattern: 'web/src/api' },
        { type: 'components', pattern: 'web/src/components' },
        { type: 'i18n', pattern: 'web/src/i18n' },
        { type: 'lib', pattern: 'web/src/lib' },
        // Files directly in web/src: the entry point and global styles.
        { type: 'entry', pattern: 'web/src', partialMatch: false },
      ],
      'import/resolver': { typescript: { project: 'web/tsconfig.json' } },
    },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            layer('entry', ['entry', 'app', 'i18n', 'lib']),
            layer('app', ['app', 'feature', 'api', 'components', 'i18n', 'lib']),
            // A feature imports only itself among the features.
            {
              from: { element: { type: 'feature' } },
              allow: [{ to: { element: { type: 'feature', captured: { feature: '{{ from.element.captured.feature }}' } } } }],
            },
            layer('feature', ['api', 'components', 'i18n', 'lib']),
            layer('api', ['api', 'lib', 'i18n']),
            layer('components', ['components', 'lib', 'i18n']),
            layer('i18n', ['i18n', 'lib']),
            layer('lib', ['lib', 'i18n']),
          ],
        },
      ],
    },
  },
  // API: no upward imports — lib knows nothing above it; db knows only lib; modules never import plugins or app.
  {
    files: ['api/src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/include': ['api/src/**/*'],
      'boundaries/elements': [
        { type: 'plugins', pattern: 'api/src/plugins' },
        { type: 'modules', pattern: 'api/src/modules' },
        { type: 'db', pattern: 'api/src/db' },
        { type: 'lib', pattern: 'api/src/lib' },
        // Files directly in api/src: app, server, config.
        { type: 'root', pattern: 'api/src', partialMatch: false },
      ],
      'import/resolver': { typescript: { project: 'api/tsconfig.json' } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            layer('root', ['root', 'plugins', 'modules', 'db', 'lib']),
            layer('plugins', ['plugins', 'modules', 'db', 'lib', 'root']),
            layer('modules', ['modules', 'db', 'lib']),
            layer('db', ['db', 'lib']),
            layer('lib', ['lib']),
          ],
        },
      ],
    },
  },
);
