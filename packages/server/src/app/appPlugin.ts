import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';

/** Options of {@link appPlugin}. */
export interface AppPluginOptions {
  /** The built web app (packages/app/dist). */
  dir: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.map': 'application/json',
};

/**
 * Serves the browser workstation at /: files of the built app (hashed assets cached for a year,
 * the codecs' wasm included, so nothing loads from a CDN), index.html for every other path (the
 * app routes itself). Paths never leave `dir`. The API routes, registered as their own plugins,
 * take precedence.
 */
export async function appPlugin(app: FastifyInstance, options: AppPluginOptions): Promise<void> {
  const root = normalize(options.dir);
  const index = join(root, 'index.html');
  const hasIndex = await stat(index).then((s) => s.isFile(), () => false);
  app.get('/*', async (request, reply) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const file = normalize(join(root, path));
    const inside = file === root || file.startsWith(root + sep);
    const st = inside ? await stat(file).catch(() => undefined) : undefined;
    const target = st?.isFile() ? file : hasIndex ? index : undefined;
    if (!target) {
      return reply.code(503).type('text/plain; charset=utf-8').send(`The web app is not built (${index} is missing): run \`npm run build\`.`);
    }
    const immutable = target !== index && path.startsWith('/assets/');
    reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    reply.type(TYPES[extname(target)] ?? 'application/octet-stream');
    return reply.send(createReadStream(target));
  });
}
