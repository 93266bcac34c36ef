/**
 * Progress on long work: a bar on a terminal (cli-progress), occasional plain lines when
 * stderr is not a terminal (CI logs, files), nothing with `quiet`.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

export function progress(label: string, total: number, opts: { quiet?: boolean; unit?: string } = {}): Progress {
  if (opts.quiet) return { update() {}, stop() {} };
  const unit = opts.unit ?? 'steps';
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} ${unit} | {rate}/s | eta {eta_formatted}`, stream: process.stderr, hideCursor: true, etaBuffer: 20 },
      cliProgress.Presets.shades_classic,
    );
    const start = Date.now();
    bar.start(total, 0, { rate: '0' });
    return {
      update(done) {
        bar.update(done, { rate: (done / Math.max(1e-3, (Date.now() - start) / 1000)).toFixed(1) });
      },
      stop() {
        bar.stop();
      },
    };
  }
  // Not a terminal: a line at most every 10% and at most every 5 seconds.
  let lastShown = -1;
  let lastTime = 0;
  const start = Date.now();
  return {
    update(done) {
      const pct = Math.floor((100 * done) / total);
      const now = Date.now();
      if (done === total || (pct >= lastShown + 10 && now - lastTime > 5000)) {
        lastShown = pct;
        lastTime = now;
        process.stderr.write(`${label}: ${done}/${total} ${unit} (${pct}%, ${((now - start) / 1000).toFixed(1)} s)\n`);
      }
    },
    stop() {},
  };
}
