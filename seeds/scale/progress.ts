// A progress bar (rows, rate, ETA) on a terminal; plain lines every few seconds otherwise.
import cliProgress from 'cli-progress';

export interface Progress {
  start(total: number): void;
  table(name: string): void;
  add(rows: number): void;
  note(message: string): void;
  stop(): void;
}

export function createProgress(mode: 'auto' | 'quiet'): Progress {
  if (mode === 'quiet') return { start() {}, table() {}, add() {}, note() {}, stop() {} };
  const started = Date.now();
  let total = 0;
  let value = 0;
  let current = '';
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format:
          '{bar} {percentage}% | {value}/{total} rows | {rate} rows/s | ETA {eta_formatted} | {table}',
        hideCursor: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    const rate = () => Math.round(value / Math.max(0.001, (Date.now() - started) / 1000));
    return {
      start(t) {
        total = t;
        bar.start(total, 0, { table: '', rate: 0 });
      },
      table(name) {
        current = name;
        bar.update(value, { table: name, rate: rate() });
      },
      add(rows) {
        value += rows;
        if (value > total) {
          total = value;
          bar.setTotal(total);
        }
        bar.update(value, { table: current, rate: rate() });
      },
      note(message) {
        bar.update(value, { table: message, rate: rate() });
      },
      stop() {
        if (total) bar.stop();
        total = 0;
      },
    };
  }
  let lastLine = 0;
  let running = false;
  const line = (force = false) => {
    const now = Date.now();
    if (!force && now - lastLine < 5000) return;
    lastLine = now;
    const seconds = (now - started) / 1000;
    const rate = value / Math.max(0.001, seconds);
    const eta = rate > 0 ? Math.max(0, (total - value) / rate) : 0;
    console.log(
      `[${seconds.toFixed(1)}s] ${current}: ${value}/${total} rows (${Math.floor((100 * value) / Math.max(1, total))}%), ${Math.round(rate)} rows/s, ETA ${Math.round(eta)}s`,
    );
  };
  return {
    start(t) {
      total = t;
      running = true;
      lastLine = Date.now();
    },
    table(name) {
      current = name;
    },
    add(rows) {
      value += rows;
      if (value > total) total = value;
      line();
    },
    note(message) {
      current = message;
      line(true);
    },
    stop() {
      if (running) line(true);
      running = false;
    },
  };
}
