// One vitest run for the whole repository, in two projects: `api` (unit tests next to the code,
// integration tests under tests/) and `browser` (tests/e2e: the built web app in Chromium).
// Every test file gets its own PostgreSQL database (tests/support/global-setup.ts); the browser
// project's own global setup builds the web app when it is missing or stale, and runs only when
// a browser test is in the run.
import { createRequire } from 'node:module';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// tests/test-command.test.ts runs this very command on the fixtures in tests/test-command.
const fixtures = process.env.GONGJIAN_TEST_COMMAND_FIXTURES === '1';

const shared = {
  resolve: {
    // One graphql for everyone: Vite would pick its ESM build (the "module" field) for our files
    // while type-graphql and Apollo load the CommonJS one, and graphql refuses to mix the two.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    // type-graphql's decorators need the Reflect metadata API before any module loads.
    setupFiles: ['reflect-metadata'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { NODE_ENV: 'test' },
  },
} satisfies TestProjectInlineConfiguration;

const project = (
  name: string,
  test: { include: string[]; exclude?: string[]; globalSetup?: string[] },
): TestProjectInlineConfiguration => ({
  ...shared,
  test: {
    ...shared.test,
    name,
    ...test,
    exclude: ['**/node_modules/**', ...(test.exclude ?? [])],
  },
});

export default defineConfig({
  test: {
    // The database for every project: the root project's global setup runs once per run.
    globalSetup: ['tests/support/global-setup.ts'],
    reporters: ['default', './tests/support/skipped-browser-reporter.ts'],
    projects: fixtures
      ? [project('fixtures', { include: ['tests/test-command/fixtures/*.fixture.ts'] })]
      : [
          project('api', {
            include: [
              'api/src/**/*.test.ts',
              'web/app/**/*.test.ts',
              'seeds/**/*.test.ts',
              'tests/**/*.test.ts',
            ],
            exclude: ['tests/e2e/**'],
          }),
          project('browser', {
            include: ['tests/e2e/**/*.test.ts'],
            globalSetup: ['tests/support/web-build.ts'],
          }),
        ],
  },
});
