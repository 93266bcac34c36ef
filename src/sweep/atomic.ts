/**
 * Files written under a temporary name and renamed into place when complete, so a reader
 * (or a resumed sweep) never sees a half-written table under its final name.
 */
import fs from 'node:fs';

export function tempName(file: string): string {
  return `${file}.${process.pid}.tmp`;
}

export function writeFileAtomic(file: string, text: string): void {
  const tmp = tempName(file);
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** A buffered text file written to a temporary name; `commit` renames it into place. */
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
