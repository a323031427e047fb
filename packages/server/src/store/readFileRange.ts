import { close, open, read } from 'node:fs';

/**
 * Read `length` bytes of a file from `offset`: one instance of a pack file (or a whole
 * one-instance file). Callback fs rather than fs/promises: a FileHandle costs more round trips to
 * libuv's thread pool, which made a WADO-RS study of 150 small instances ~1.3-2× slower here.
 * Rejects when the file ends before the range does (a truncated file).
 */
export function readFileRange(path: string, offset: number, length: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    open(path, 'r', (openError, fd) => {
      if (openError) return reject(openError);
      const bytes = Buffer.allocUnsafe(length);
      const finish = (error: Error | null) => close(fd, () => (error ? reject(error) : resolve(new Uint8Array(bytes.buffer, bytes.byteOffset, length))));
      const readFrom = (done: number): void => {
        if (done === length) return finish(null);
        read(fd, bytes, done, length - done, offset + done, (readError, n) => {
          if (readError) return finish(readError);
          if (n === 0) return finish(new Error(`the file ends ${length - done} bytes before the instance does (offset ${offset}, ${length} bytes)`));
          readFrom(done + n);
        });
      };
      readFrom(0);
    });
  });
}
