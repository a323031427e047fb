import type { Browser } from 'playwright-core';

/** Debian's chromium: `voxa render` never downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless flags known to work on machines without a GPU: WebGL2 on SwiftShader, a quiet browser. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
];

/** Start headless chromium through playwright-core (loaded here, so other commands never load it); a fresh profile each time. */
export async function launchChromium(executablePath = CHROMIUM): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
