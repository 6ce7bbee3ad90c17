// The headers every page is sent with: a nonce-based Content-Security-Policy (scripts run only when
// Remix rendered them with this response's nonce), no framing by other sites (the review pages
// hold approve buttons: clickjacking), no MIME sniffing, and referrers that stay on this site.
import { randomBytes } from 'node:crypto';

/** A fresh nonce per response: 128 random bits. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': the module scripts Remix's nonce'd loader imports may run; nothing else.
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    // React's style attributes (chart bars, progress) are inline; no script can be, and styles
    // cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // QR codes are inline SVG; uploaded photos are only links to the download route.
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Sets the security headers on a page's response. `nonce` undefined: the development server,
 * whose hot reload injects scripts of its own; every other header still applies. */
export function setSecurityHeaders(headers: Headers, nonce: string | undefined): void {
  if (nonce) headers.set('Content-Security-Policy', contentSecurityPolicy(nonce));
  headers.set('X-Frame-Options', 'DENY');
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'same-origin');
}
