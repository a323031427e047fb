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

// onnxruntime-web's wasm runtime (the WASM execution provider only: glue script + binary).
const ORT_FILES = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'];
const ORT_DIST = dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));

/**
 * onnxruntime-web's runtime goes to dist/ort/, served by our own server; the model worker sets
 * `ort.env.wasm.wasmPaths` to /ort/. 'onnxruntime-web/wasm' resolves to its build that loads the
 * runtime from there (ort.wasm.min.mjs) rather than the bundle that embeds the glue script and
 * makes Vite emit a second copy of the 14 MB binary.
 */
function copyOrtWasm(): Plugin {
  return {
    name: 'voxa-ort-wasm',
    apply: 'build',
    writeBundle(options) {
      const out = join(options.dir ?? 'dist', 'ort');
      mkdirSync(out, { recursive: true });
      for (const f of ORT_FILES) copyFileSync(join(ORT_DIST, f), join(out, f));
    },
  };
}

// The Voxa server serves dist/ at /; in `vite dev` the API is proxied to a running `voxa serve`.
const API = process.env.VOXA_API ?? 'http://127.0.0.1:8042';
export default defineConfig({
  plugins: [react(), copyCodecWasm(), copyOrtWasm()],
  resolve: { alias: [{ find: /^onnxruntime-web\/wasm$/, replacement: join(ORT_DIST, 'ort.wasm.min.mjs') }] },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000, sourcemap: false },
  worker: { format: 'es' },
  server: { proxy: { '/dicom-web': API, '/voxa': API, '/fhir': API, '/api': API } },
});
