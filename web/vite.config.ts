// Vite + Remix (SSR). Every Remix v2 future flag is on, so moving to React Router 7 is a version bump.
import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    // The Remix plugin builds the app; unit tests (vitest) import modules directly without it.
    !process.env.VITEST &&
      remix({
        // WEB_BUILD_DIR lets parallel test runs build into their own directories.
        buildDirectory: process.env.WEB_BUILD_DIR ?? 'build',
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
          v3_routeConfig: true,
        },
      }),
  ],
});
