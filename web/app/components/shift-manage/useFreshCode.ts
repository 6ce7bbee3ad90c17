// The check-in screen's hook that keeps the QR code fresh by reloading the page's data in time.
import { useRevalidator } from '@remix-run/react';
import { useEffect, useRef } from 'react';

/**
 * Fetches a fresh QR code (reloading the page's data, the roster with it) a little before the one
 * shown expires, and again every 15 s while that fails; and at once when a screen that slept
 * wakes up past that moment. Without JavaScript the page has its refresh link.
 */
export function useFreshCode(expiresAt: string | null, validForMs: number | null) {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  useEffect(() => {
    if (expiresAt === null || validForMs === null) return;
    const lead = Math.min(60_000, validForMs / 2);
    const due = Date.now() + Math.max(1_000, validForMs - lead);
    let timer: ReturnType<typeof setTimeout>;
    const refresh = () => {
      revalidate.current();
      timer = setTimeout(refresh, 15_000);
    };
    timer = setTimeout(refresh, due - Date.now());
    const onWake = () => {
      if (document.visibilityState !== 'visible' || Date.now() < due) return;
      clearTimeout(timer);
      refresh();
    };
    document.addEventListener('visibilitychange', onWake);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onWake);
    };
  }, [expiresAt, validForMs]);
}
