// A static file server on 127.0.0.1 (a free port) for the render bench's page, bundle and volume.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.raw': 'application/octet-stream', '.nii': 'application/octet-stream' };

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Serve the files of `dir` (GET only, no listing). */
export async function serveFolder(dir: string): Promise<StaticServer> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(dir, path);
    let size = -1;
    try {
      if (req.method === 'GET' && file.startsWith(dir) && statSync(file).isFile()) size = statSync(file).size;
    } catch {
      // not found
    }
    if (size < 0) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': size, 'Cache-Control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the render bench server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
