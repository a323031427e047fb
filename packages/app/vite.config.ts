import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const require = createRequire(import.meta.url);
const CODECS = ['@cornerstonejs/codec-openjpeg', '@cornerstonejs/codec-openjph', '@cornerstonejs/codec-charls', '@cornerstonejs/codec-libjpeg-turbo-8bit'];

/** The codecs' .wasm files go to dist/codecs/, served by our own server (never a CDN). */
function copyCodecWasm(): Plugin {
  return {
    name: 'voxa-codec-wasm',
    apply: 'build',
    writeBundle(options) {
      const out = join(options.dir ?? 'dist', 'codecs');
      mkdirSync(out, { recursive: true });
      for (const pkg of CODECS) {
        // The packages export no package.json; their main script sits in dist/ beside the wasm.
        let dist = dirname(require.resolve(pkg));
        while (!existsSync(join(dist, 'package.json'))) dist = dirname(dist);
        dist = join(dist, 'dist');
        for (const f of readdirSync(dist).filter((n) => n.endsWith('.wasm'))) copyFileSync(join(dist, f), join(out, f));
      }
    },
  };
}

// The Voxa server serves dist/ at /; in `vite dev` the API is proxied to a running `voxa serve`.
const API = process.env.VOXA_API ?? 'http://127.0.0.1:8042';
export default defineConfig({
  plugins: [react(), copyCodecWasm()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000, sourcemap: false },
  worker: { format: 'es' },
  server: { proxy: { '/dicom-web': API, '/voxa': API, '/fhir': API } },
});
