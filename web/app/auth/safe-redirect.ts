// Only same-site paths may be redirected to after sign-in or a language switch (no open redirects).
export function safeRedirect(
  to: FormDataEntryValue | string | null | undefined,
  fallback: string,
): string {
  if (
    typeof to !== 'string' ||
    !to.startsWith('/') ||
    to.startsWith('//') ||
    to.startsWith('/\\')
  ) {
    return fallback;
  }
  return to;
}
