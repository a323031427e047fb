/** Options of `ProgressBar`. */
export interface ProgressBarOptions {
  /** Draw nothing (a command's --quiet). Default false. */
  quiet?: boolean;
  /** Where to draw. Default process.stderr. */
  stream?: NodeJS.WriteStream;
}

/**
 * A one-line progress bar on stderr, drawn only on a terminal (logs and pipes stay clean) and
 * never when quiet, redrawn at most every 100 ms.
 */
export class ProgressBar {
  private last = 0;
  private readonly tty: boolean;
  private readonly stream: NodeJS.WriteStream;

  constructor(private readonly label: string, options: ProgressBarOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.tty = !options.quiet && !!this.stream.isTTY && !process.env.CI;
  }

  update(done: number, total: number, detail = ''): void {
    if (!this.tty) return;
    const now = Date.now();
    if (done < total && now - this.last < 100) return;
    this.last = now;
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : 0;
    const pct = total ? Math.round((done / total) * 100) : 0;
    this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${done}/${total} ${detail}`.slice(0, 120).padEnd(60));
  }

  done(): void {
    if (this.tty) this.stream.write('\n');
  }
}
