import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The render page's files on a loopback server. */
export interface PageServer {
  /** The page (HTML loading the script). */
  pageUrl: string;
  /** The raw voxels, one binary response. */
  voxelsUrl: string;
  close(): Promise<void>;
}

/**
 * Serve the page, its script and the voxels on 127.0.0.1 (an ephemeral port) under a random path,
 * so that no other local process guesses where the voxels are while the render runs.
 */
export async function servePage(script: Uint8Array, voxels: Uint8Array): Promise<PageServer> {
  const base = `/${randomUUID()}`;
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>voxa render</title></head><body style="margin:0;background:#000"><script src="${base}/renderPage.js"></script></body></html>`;
  const files: Record<string, { type: string; body: Uint8Array | string }> = {
    [`${base}/`]: { type: 'text/html; charset=utf-8', body: html },
    [`${base}/renderPage.js`]: { type: 'text/javascript; charset=utf-8', body: script },
    [`${base}/voxels`]: { type: 'application/octet-stream', body: voxels },
  };
  const server = createServer((req, res) => {
    const file = req.method === 'GET' ? files[req.url ?? ''] : undefined;
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'content-length': Buffer.byteLength(file.body), 'cache-control': 'no-store' });
    res.end(file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    pageUrl: `${origin}${base}/`,
    voxelsUrl: `${origin}${base}/voxels`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
