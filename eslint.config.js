import { readdirSync } from 'node:fs';
import { URL } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layer boundaries, each shown at work in test/lint/boundaries.test.ts: algorithms/ imports
// nothing from models/ or src/; outside a family folder of algorithms/ only that family's
// index.js is imported; models/ imports nothing from src/. Import paths are relative, so the
// patterns are regular expressions on the path as written. `no-restricted-imports` does not look
// at dynamic `import()`, which the commands use to load algorithms lazily, so
// `no-restricted-syntax` checks those with the same expressions.

const families = readdirSync(new URL('./algorithms/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const familyInternals = (allowed) => ({
  regex: `(^|/)algorithms/${allowed === undefined ? '' : `(?!${allowed}/)`}[^/]+/(?!index\\.js$)`,
  message: 'Import an algorithm family through its index.js only (its other modules are internal).',
});
const otherFamilyInternals = {
  regex: '^\\.\\./(?!\\.\\./)[^/]+/(?!index\\.js$)',
  message: 'Import another algorithm family through its index.js only (its other modules are internal).',
};
const modelsOrSrcFromAlgorithms = {
  regex: '^(\\.\\./){2,}(models|src)(/|$)',
  message: 'algorithms/ imports nothing from models/ or src/ (algorithms take plain data).',
};
const srcFromModels = {
  regex: '^(\\.\\./)+src(/|$)',
  message: 'models/ imports nothing from src/.',
};

// Spreading an array into a call (`xs.push(...ys)`, `Math.max(...ys)`, `new Set(...)`) passes
// every element as an argument on the stack: above ~100,000 elements (a 10,000-service diagram has
// 148,000 edges) it throws "Maximum call stack size exceeded". Loop, `reduce` or `concat` instead.
// Tests are exempt: their inputs are small and fixed.
const noSpreadArguments = [
  {
    selector: 'CallExpression > SpreadElement, NewExpression > SpreadElement',
    message: 'No spread arguments: a large array overflows the call stack (loop, reduce or concat instead).',
  },
];

const restrict = (patterns, { spreads = false } = {}) => ({
  'no-restricted-imports': [
    'error',
    { patterns: patterns.map(({ regex, message }) => ({ regex, message })) },
  ],
  'no-restricted-syntax': [
    'error',
    ...patterns.map(({ regex, message }) => ({
      selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\/')}/]`,
      message,
    })),
    ...(spreads ? noSpreadArguments : []),
  ],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'examples/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  { files: ['**/*.{ts,js}'], rules: restrict([familyInternals()], { spreads: true }) },
  { files: ['test/**', 'eslint.config.js'], rules: restrict([familyInternals()]) },
  { files: ['models/**'], rules: restrict([familyInternals(), srcFromModels], { spreads: true }) },
  {
    files: ['algorithms/**'],
    rules: restrict([modelsOrSrcFromAlgorithms, otherFamilyInternals, familyInternals()], {
      spreads: true,
    }),
  },
  // A family's own tests may import its internal modules.
  ...families.map((family) => ({
    files: [`test/algorithms/${family}/**`],
    rules: restrict([familyInternals(family)]),
  })),
);
