/**
 * Sweep progress: runs done, rate and time left. A cli-progress bar on a terminal; on a
 * non-terminal stderr (CI logs, a file) a plain line at most every 10 s and at the end.
 */
import cliProgress from 'cli-progress';

export interface SweepProgress {
  update(done: number, failed: number): void;
  stop(): void;
}

function duration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** `total` runs in this sweep's share, `already` of them done by earlier sessions. */
export function sweepProgress(label: string, total: number, already: number, quiet = false): SweepProgress {
  if (quiet) return { update() {}, stop() {} };
  const start = Date.now();
  const stats = (done: number) => {
    const secs = Math.max(1e-3, (Date.now() - start) / 1000);
    const rate = (done - already) / secs;
    return { rate, left: rate > 0 ? (total - done) / rate : Infinity };
  };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} runs{failedText} | {rate} runs/s | left {left}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, already, { rate: '0', left: '?', failedText: '' });
    return {
      update(done, failed) {
        const s = stats(done);
        bar.update(done, { rate: s.rate.toFixed(1), left: duration(s.left), failedText: failed > 0 ? ` (${failed} failed)` : '' });
      },
      stop() {
        bar.stop();
      },
    };
  }
  let last = start;
  return {
    update(done, failed) {
      const now = Date.now();
      if (done !== total && now - last < 10_000) return;
      last = now;
      const s = stats(done);
      process.stderr.write(
        `${label}: ${done}/${total} runs${failed > 0 ? ` (${failed} failed)` : ''}, ${s.rate.toFixed(1)} runs/s, left ${duration(s.left)}\n`,
      );
    },
    stop() {},
  };
}
