// The dashboard's charts (recharts 3), each drawn inside a ChartFrame after hydration.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Label,
  Legend,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { CHART_COLORS, ChartFrame } from './ChartFrame';

const axisTick = { fill: CHART_COLORS.text, fontSize: 12 };

/** Phones leave less room for category names (charts draw only in the browser). */
const narrowScreen = () => window.matchMedia('(max-width: 40rem)').matches;

export interface RatioBar {
  key: string;
  label: string;
  /** 0..n (1 = 100 %). */
  ratio: number;
}

/** Horizontal bars of ratios (shown up to 100 %, the table gives the exact figure). */
export function RatioBarChart({
  label,
  series,
  rows,
  percent,
}: {
  label: string;
  series: string;
  rows: RatioBar[];
  percent: (value: number) => string;
}) {
  const height = Math.max(160, rows.length * 34 + 48);
  return (
    <ChartFrame label={label} height={height} testId="chart-categories">
      {() => (
        <ResponsiveContainer width="100%" height={height}>
          <BarChart
            data={rows.map((r) => ({ ...r, shown: Math.min(1, r.ratio) }))}
            layout="vertical"
            margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
            accessibilityLayer={false}
          >
            <CartesianGrid horizontal={false} stroke={CHART_COLORS.grid} />
            <XAxis
              type="number"
              domain={[0, 1]}
              tickFormatter={(v: number) => percent(v)}
              tick={axisTick}
            />
            <YAxis
              type="category"
              dataKey="label"
              width={narrowScreen() ? 100 : 170}
              tick={axisTick}
              interval={0}
            />
            <Tooltip formatter={(_v, _n, item) => percent((item.payload as RatioBar).ratio)} />
            <Bar
              dataKey="shown"
              name={series}
              fill={CHART_COLORS.primary}
              radius={[0, 4, 4, 0]}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
}

export interface MonthBars {
  label: string;
  [series: string]: number | string;
}

/** Vertical bars per month, one or two series side by side. */
export function MonthBarChart({
  label,
  testId,
  rows,
  series,
  format,
}: {
  label: string;
  testId: string;
  rows: MonthBars[];
  series: { key: string; name: string; color: string }[];
  format: (value: number) => string;
}) {
  const height = 240;
  return (
    <ChartFrame label={label} height={height} testId={testId}>
      {() => (
        <ResponsiveContainer width="100%" height={height}>
          <BarChart
            data={rows}
            margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
            accessibilityLayer={false}
          >
            <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
            <XAxis dataKey="label" tick={axisTick} interval={0} />
            <YAxis
              tick={axisTick}
              width={44}
              allowDecimals={false}
              tickFormatter={(v: number) => format(v)}
            />
            <Tooltip formatter={(v) => format(Number(v))} />
            {series.length > 1 && <Legend />}
            {series.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.name}
                fill={s.color}
                radius={[3, 3, 0, 0]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
}

/** A donut of two parts (e.g. paired / not paired). */
export function DonutChart({
  label,
  parts,
  center,
}: {
  label: string;
  parts: { name: string; value: number; color: string }[];
  center: string;
}) {
  const height = 200;
  return (
    <ChartFrame label={label} height={height} testId="chart-coverage">
      {() => (
        <ResponsiveContainer width="100%" height={height}>
          <PieChart accessibilityLayer={false}>
            <Pie
              data={parts}
              dataKey="value"
              nameKey="name"
              innerRadius={55}
              outerRadius={80}
              startAngle={90}
              endAngle={-270}
              isAnimationActive={false}
            >
              {parts.map((p) => (
                <Cell key={p.name} fill={p.color} />
              ))}
              <Label
                value={center}
                position="center"
                fontSize={20}
                fontWeight={700}
                fill={CHART_COLORS.text}
              />
            </Pie>
            <Tooltip />
          </PieChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
}
