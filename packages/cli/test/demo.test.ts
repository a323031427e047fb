import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHANTOM_MANIFEST_FILE } from '@voxa/core/node';
import { runCli } from './runCli.ts';

describe('voxa demo', () => {
  it('regenerates a phantom left partial by an interrupted first run, then reuses the complete one', () => {
    const data = mkdtempSync(join(tmpdir(), 'voxa-demo-'));
    const root = join(data, 'phantom-small');
    // What an interrupted first run leaves: truth/ and some of every time point, no manifest.
    for (const tp of [0, 1, 2]) {
      mkdirSync(join(root, 'truth', `tp${tp}`), { recursive: true });
      mkdirSync(join(root, 'dicom', `tp${tp}`, 'CT'), { recursive: true });
      writeFileSync(join(root, 'truth', `tp${tp}`, 'truth.json'), '{}');
      writeFileSync(join(root, 'dicom', `tp${tp}`, 'CT', 'IM0001.dcm'), 'cut short');
    }
    const first = runCli(['demo', '--data', data, '--size', 'small']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`No complete small demo phantom in ${root}`);
    expect(existsSync(join(root, PHANTOM_MANIFEST_FILE))).toBe(true);
    // 150 CT slices per time point (the small grid) and the PET of each; all six series converted.
    expect(readdirSync(join(root, 'dicom', 'tp2', 'CT'))).toHaveLength(150);
    expect(readdirSync(join(root, 'dicom', 'tp2', 'PT')).length).toBeGreaterThan(0);
    const converted = readdirSync(join(data, 'converted')).filter((f) => f.endsWith('.nii.gz'));
    expect(converted.filter((f) => f.includes('Phantom_torso_small'))).toHaveLength(3);
    expect(converted.filter((f) => f.includes('Phantom_FDG_PET'))).toHaveLength(3);

    const second = runCli(['demo', '--data', data, '--size', 'small']);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('No complete');
    expect(second.stdout).toContain('6 volume(s) written');
  });
});
