import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DCMTK_TOOLS, hasPeers, runTool } from '../../server/test/util/peers.ts';
import { startServe } from './startServe.ts';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../src/cli.ts');
const RUN = hasPeers('voxa serve with DIMSE', DCMTK_TOOLS);

describe.runIf(RUN)('voxa serve', () => {
  it('serves DICOMweb, FHIR and DIMSE under the AE title given, and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxa-serve-'));
    const { child, output, exited, ready: dimsePort } = await startServe(
      ['--import', 'tsx', MAIN, 'serve', '--port', '0', '--dimse-port', '0', '--ae-title', 'ARCHIVE1', '--peer', 'WS1@127.0.0.1:104', '--no-demo', '--data', join(dir, 'data')],
      /Voxa DIMSE as ARCHIVE1 at 127\.0\.0\.1:(\d+)/,
    );
    const out = output();
    try {
      const http = /Voxa DICOMweb at (http:\/\/\S+)\/dicom-web/.exec(out)?.[1];
      expect(dimsePort, out).toBeDefined();
      expect(out).toContain('C-MOVE destinations WS1@127.0.0.1:104');
      expect((await runTool('echoscu', ['-aec', 'ARCHIVE1', '127.0.0.1', dimsePort!])).status).toBe(0);
      expect((await runTool('echoscu', ['-aec', 'VOXA', '127.0.0.1', dimsePort!])).status, 'the default AE title is not ours here').not.toBe(0);
      const metadata = (await (await fetch(`${http}/fhir/metadata`)).json()) as { resourceType: string };
      expect(metadata.resourceType).toBe('CapabilityStatement');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a malformed --peer or --ae-title as a usage error', async () => {
    const run = (args: string[]) => new Promise<{ code: number | null; err: string }>((r) => {
      const c = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      c.stderr.on('data', (b: Buffer) => void (err += b.toString()));
      c.on('exit', (code) => r({ code, err }));
    });
    const peer = await run(['--peer', 'WS1:104']);
    expect(peer.code).toBe(2);
    expect(peer.err).toMatch(/--peer: peer "WS1:104": expected AE@host:port/);
    const ae = await run(['--ae-title', 'A\\B']);
    expect(ae.code).toBe(2);
    expect(ae.err).toMatch(/--ae-title/);
  });
});
