// One vitest run for the whole repository: unit tests next to the code, integration and browser
// tests under tests/. Every test file gets its own PostgreSQL database (see tests/support).
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // One graphql for everyone: Vite would pick its ESM build (the "module" field) for our files
    // while type-graphql and Apollo load the CommonJS one, and graphql refuses to mix the two.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    include: [
      'api/src/**/*.test.ts',
      'web/app/**/*.test.ts',
      'seeds/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    globalSetup: ['tests/support/global-setup.ts'],
    // type-graphql's decorators need the Reflect metadata API before any module loads.
    setupFiles: ['reflect-metadata'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { NODE_ENV: 'test' },
  },
});
