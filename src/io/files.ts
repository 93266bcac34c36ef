/**
 * Writing outputs so that an interrupted run never leaves a file that looks complete:
 * everything is written to `<name>.<pid>.tmp` first and renamed into place when whole
 * (rename is atomic within one file system). Async writers for the CLI's commands, sync
 * ones for the sweep's main thread (which writes between worker replies).
 */
import fs from 'node:fs';
import { mkdir, rename, writeFile, rm, open } from 'node:fs/promises';
import path from 'node:path';

/** The temporary name a file is written under before it is renamed into place. */
export function tempName(file: string): string {
  return `${file}.${process.pid}.tmp`;
}

export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = tempName(file);
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Stream lines to `<file>.tmp`, renamed into place by `close()`; `abort()` removes it. */
export async function atomicLineWriter(file: string) {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = tempName(file);
  const fh = await open(tmp, 'w');
  let buf: string[] = [];
  let size = 0;
  const flush = async () => {
    if (buf.length) await fh.write(buf.join(''));
    buf = [];
    size = 0;
  };
  return {
    async line(s: string) {
      buf.push(s, '\n');
      size += s.length + 1;
      if (size > 1 << 20) await flush();
    },
    async close() {
      await flush();
      await fh.close();
      await rename(tmp, file);
    },
    async abort() {
      await fh.close().catch(() => undefined);
      await rm(tmp, { force: true });
    },
  };
}

/** `writeAtomic`, synchronously (the folder must exist). */
export function writeAtomicSync(file: string, text: string): void {
  const tmp = tempName(file);
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** A buffered text file written synchronously to its temporary name; `commit` renames it into place. */
export class AtomicTextWriter {
  private readonly fd: number;
  private readonly tmp: string;
  private buf: string[] = [];
  private size = 0;

  constructor(private readonly file: string) {
    this.tmp = tempName(file);
    this.fd = fs.openSync(this.tmp, 'w');
  }

  write(text: string): void {
    this.buf.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.buf.length === 0) return;
    fs.writeSync(this.fd, this.buf.join(''));
    this.buf = [];
    this.size = 0;
  }

  commit(): void {
    this.flush();
    fs.closeSync(this.fd);
    fs.renameSync(this.tmp, this.file);
  }

  abort(): void {
    fs.closeSync(this.fd);
    fs.rmSync(this.tmp, { force: true });
  }
}

export { csvField, formatNumber } from './format.js';
