/**
 * Progress on long work (a run's steps, a sweep's runs): a cli-progress bar with the rate and
 * the time left on a terminal; on a non-terminal stderr (CI logs, a file) a plain line when
 * another tenth is done (at most every 5 s), every 30 s whatever the progress, and at the
 * end; nothing with `quiet`.
 *
 *   const bar = progress('default', 60, { unit: 'steps' });
 *   bar.update(10); ... bar.stop();
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** `done` of the total so far (counting `already`); `failed` of them failed, if any. */
  update(done: number, failed?: number): void;
  stop(): void;
}

export interface ProgressOptions {
  quiet?: boolean;
  /** What is counted: 'steps', 'runs'. */
  unit?: string;
  /** Done before this session started (a resumed sweep): not counted in the rate. */
  already?: number;
  /** Where to write (default process.stderr); a bar only when it is a terminal. */
  stream?: { isTTY?: boolean; write(text: string): unknown };
}

/** A duration in words: "42 s", "3 min 5 s", "2 h 10 min"; "?" when unknown. */
export function duration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

export function progress(label: string, total: number, opts: ProgressOptions = {}): Progress {
  if (opts.quiet) return { update() {}, stop() {} };
  const unit = opts.unit ?? 'steps';
  const already = opts.already ?? 0;
  const stream = opts.stream ?? process.stderr;
  const start = Date.now();
  const stats = (done: number) => {
    const rate = (done - already) / Math.max(1e-3, (Date.now() - start) / 1000);
    return { rate: rate.toFixed(1), left: duration(rate > 0 ? (total - done) / rate : Infinity) };
  };
  const failedText = (failed = 0) => (failed > 0 ? ` (${failed} failed)` : '');

  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {value}/{total} ${unit}{failedText} | {rate} ${unit}/s | left {left}`,
        stream: stream as NodeJS.WritableStream,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, already, { rate: '0', left: '?', failedText: '' });
    return {
      update(done, failed) {
        bar.update(done, { ...stats(done), failedText: failedText(failed) });
      },
      stop() {
        bar.stop();
      },
    };
  }

  let lastPct = Math.floor((100 * already) / Math.max(1, total));
  let lastTime = start;
  return {
    update(done, failed) {
      const now = Date.now();
      const pct = Math.floor((100 * done) / Math.max(1, total));
      const due = done === total || (now - lastTime >= 5_000 && (pct >= lastPct + 10 || now - lastTime >= 30_000));
      if (!due) return;
      lastPct = pct;
      lastTime = now;
      const s = stats(done);
      stream.write(`${label}: ${done}/${total} ${unit}${failedText(failed)} (${pct}%, ${s.rate} ${unit}/s, left ${s.left})\n`);
    },
    stop() {},
  };
}
