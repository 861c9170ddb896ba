// ESLint: the core recommended rules, Next.js' own rules (React, hooks, a11y, Core Web Vitals) plus typescript-eslint's strict
// type-checked set. `npm run lint` runs it with --max-warnings 0, so a warning fails like an error.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

export default defineConfig([
  js.configs.recommended,
  ...nextVitals,
  ...nextTs,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    rules: {
      // Numbers in ids, counts, ports and sizes read naturally in template literals; other types still need String().
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowAny: false, allowBoolean: false, allowNullish: false, allowRegExp: false, allowNever: false },
      ],
      // `onChange={(e) => setValue(e.target.value)}` is React's ordinary handler shape, not a confusing void.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
      // Plain anchors on purpose: next/link renders a client component per link and prefetches every
      // linked page (see components/shell/app-shell.tsx).
      "@next/next/no-html-link-for-pages": "off",
      // `const { before: _before, ...rest } = query` is how a copy leaves a key out.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    // Test doubles stand in for async APIs (getActor, cookies, getTranslations) and keep their async shape.
    files: ["tests/**"],
    rules: {
      "@typescript-eslint/require-await": "off",
      // afterAll guards (`browser?.close()`) are for a beforeAll that failed before assigning what its type promises.
      "@typescript-eslint/no-unnecessary-condition": "off",
      // A test reading back a row it has just made: a missing row fails the test on the next line anyway.
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    // The few plain JavaScript files (server launcher, CI helpers, configs) are outside tsconfig (allowJs is off).
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    ".test/**",
    ".test-*/**",
    "data/**",
    "bench/large/**",
    "bench/profiles/**",
    "test-results/**",
    "next-env.d.ts",
    "db/migrations/**",
  ]),
]);
