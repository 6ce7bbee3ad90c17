// Server rendering: each request gets its own i18next instance in the request's language.
import { PassThrough } from 'node:stream';
import { createReadableStreamFromReadable, type EntryContext } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from './i18n/i18n';
import { createNonce, setSecurityHeaders } from './http/security-headers.server';
import { languageFromRequest } from './i18n/language.server';
import { NonceContext } from './nonce';

// Remix rejects pending deferred data after this long; React's render is aborted a second later.
export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
): Promise<Response> {
  const language = languageFromRequest(request);
  const i18n = createI18n(language);
  // Crawlers and SPA mode get the whole document at once; browsers get the shell streamed first.
  const waitForAll = isbot(request.headers.get('user-agent')) || remixContext.isSpaMode;
  // The Vite development server injects scripts of its own; built apps run under the CSP.
  const nonce = process.env.NODE_ENV === 'production' ? createNonce() : undefined;

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const emit = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
      responseHeaders.set('Content-Language', language);
      responseHeaders.append('Vary', 'Cookie, Accept-Language');
      setSecurityHeaders(responseHeaders, nonce);
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce ?? ''}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        onShellReady: waitForAll ? undefined : emit,
        onAllReady: waitForAll ? emit : undefined,
        onShellError: reject,
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell is ready reject the promise and are logged by Remix.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1_000);
  });
}
