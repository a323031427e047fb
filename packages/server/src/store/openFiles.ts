import { close, open, read } from 'node:fs';

interface OpenFile {
  fd: Promise<number>;
  /** Reads using the descriptor now: it is closed only when none is. */
  users: number;
}

/**
 * Byte ranges of the store's files through descriptors kept open, least recently used closed
 * beyond `max`: a WADO-RS study reads ~150 instances from a few pack files, and an open and a
 * close per instance were as many thread-pool round trips as the reads themselves. Stored bytes
 * are never rewritten (packs are only appended to, and cut only after their last named record;
 * older files are content-addressed), so a kept descriptor never reads stale bytes; one whose
 * file was deleted behind the store reads what the file held until repair drops its rows.
 * Callback fs, not fs/promises: a FileHandle costs more round trips.
 */
export class OpenFiles {
  private readonly files = new Map<string, OpenFile>();

  constructor(private readonly max: number) {}

  /** `length` bytes of `path` from `offset`; rejects when the file is missing or ends before the range. */
  async read(path: string, offset: number, length: number): Promise<Uint8Array> {
    let file = this.files.get(path);
    // Map order is use order: move the file to the end.
    if (file) this.files.delete(path);
    else file = { fd: openFile(path), users: 0 };
    this.files.set(path, file);
    file.users++;
    try {
      return await readRange(await file.fd, offset, length);
    } catch (e) {
      // A file that could not be opened is tried afresh next time.
      if (this.files.get(path) === file && (await file.fd.then(() => false, () => true))) this.files.delete(path);
      throw e;
    } finally {
      file.users--;
      this.closeUnused();
    }
  }

  /** Close every descriptor (the store is closing; no read is in flight). */
  closeAll(): void {
    for (const file of this.files.values()) closeFile(file);
    this.files.clear();
  }

  private closeUnused(): void {
    for (const [path, file] of this.files) {
      if (this.files.size <= this.max) return;
      if (file.users > 0) continue;
      this.files.delete(path);
      closeFile(file);
    }
  }
}

function openFile(path: string): Promise<number> {
  const fd = new Promise<number>((resolve, reject) => open(path, 'r', (e, n) => (e ? reject(e) : resolve(n))));
  fd.catch(() => undefined);
  return fd;
}

function closeFile(file: OpenFile): void {
  file.fd.then((fd) => close(fd, () => undefined), () => undefined);
}

function readRange(fd: number, offset: number, length: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const bytes = Buffer.allocUnsafe(length);
    const readFrom = (done: number): void => {
      if (done === length) return resolve(new Uint8Array(bytes.buffer, bytes.byteOffset, length));
      read(fd, bytes, done, length - done, offset + done, (e, n) => {
        if (e) return reject(e);
        if (n === 0) return reject(new Error(`the file ends ${length - done} bytes before the instance does (offset ${offset}, ${length} bytes)`));
        readFrom(done + n);
      });
    };
    readFrom(0);
  });
}
