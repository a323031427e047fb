import { build } from 'esbuild';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, REPO_ROOT } from './workstation.ts';

/**
 * A blank page in headless chromium with the renderer's page API (`window.voxaRender`, see
 * packages/render/src/headless/renderApi.ts) bundled in: volume rendering tested without the
 * workstation around it.
 */
export async function openRenderPage(): Promise<{ page: Page; close: () => Promise<void> }> {
  const bundle = await build({
    stdin: {
      contents: "import { installRenderApi } from './packages/render/src/headless/renderApi.ts';\nconst c = document.createElement('canvas');\ndocument.body.append(c);\ninstallRenderApi(c);\n",
      resolveDir: REPO_ROOT, sourcefile: 'renderPage.ts', loader: 'ts',
    },
    bundle: true, format: 'iife', platform: 'browser', write: false, target: 'es2022', logLevel: 'silent',
    // The codecs' Emscripten glue names Node modules on paths a page never takes.
    external: ['fs', 'path', 'crypto', 'module', 'url', 'worker_threads', 'node:*'],
  });
  const { page, close } = await launchBrowser();
  await page.setContent('<!doctype html><html><body style="margin:0;background:#000"></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  return { page, close };
}

/** Decode a base64 result of the page API. */
export function floats(b64: string): Float32Array {
  const b = Buffer.from(b64, 'base64');
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
}

export const RENDER_PAGE_ENTRY = join(REPO_ROOT, 'packages/render/src/headless/renderApi.ts');
