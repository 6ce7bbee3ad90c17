// A chart's box. Recharts measures the DOM, so charts draw only in the browser, after hydration:
// the server (and the first client render) show a placeholder of the same size, so the markup
// matches and the layout does not jump. The box is one image for screen readers, named by
// `label`; the figures themselves are in the table or summary next to it.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export const CHART_COLORS = {
  primary: '#0b6b5c',
  secondary: '#9cc9bd',
  warn: '#c0553f',
  muted: '#d5dcd6',
  text: '#4f5b55',
  grid: '#e7ebe7',
} as const;

export function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

export function ChartFrame({
  label,
  height,
  testId,
  children,
}: {
  label: string;
  height: number;
  testId?: string;
  /** Called only in the browser. */
  children: () => ReactNode;
}) {
  const { t } = useTranslation();
  const mounted = useMounted();
  return (
    <div
      className="chart"
      role="img"
      aria-label={label}
      style={{ height }}
      data-testid={testId}
      data-ready={mounted ? 'true' : 'false'}
    >
      {mounted ? children() : <p className="chart-placeholder">{t('dashboard.loading')}</p>}
    </div>
  );
}
