import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeMeasurementReport } from '../../../src/dicom/sr/writeMeasurementReport.ts';
import { parseDicom } from '../../../src/dicom/parseDicom.ts';
import { dciodvfy, hasDciodvfy } from '../../segmentation/io/segPeers.ts';
import { threeLesionReport } from './measurementReportFixture.ts';
import { dsrdump, hasDsrdump } from './srPeers.ts';

const HAS_DCIODVFY = hasDciodvfy();
const HAS_DSRDUMP = hasDsrdump();
const dir = mkdtempSync(join(tmpdir(), 'voxa-sr-'));

function saved(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('writeMeasurementReport: three lesions at two time points', () => {
  const options = threeLesionReport();
  const path = saved('three-lesions.dcm', writeMeasurementReport(options));
  const verifiedPath = saved('three-lesions-verified.dcm', writeMeasurementReport({
    ...options,
    verification: { observerName: 'Verifier^Vera', organization: 'Voxa Imaging Centre', dateTime: new Date(2024, 2, 12, 8, 15, 0) },
  }));
  const devicePath = saved('three-lesions-device.dcm', writeMeasurementReport({
    ...options,
    completion: 'PARTIAL',
    observer: { kind: 'device', uid: '2.25.1234567890', name: 'Voxa lesion tracker', manufacturer: 'Voxa', modelName: 'measureLesionsOverTime', serialNumber: '1' },
  }));

  it('writes a Comprehensive 3D SR Part 10 file with the TID 1500 template and ASCII-only text', () => {
    const { dataSet } = parseDicom(writeMeasurementReport(options));
    expect(dataSet.string('x00080016')).toBe('1.2.840.10008.5.1.4.1.1.88.34');
    expect(dataSet.string('x00080060')).toBe('SR');
    expect(dataSet.elements.x0040a504.items?.[0].dataSet?.string('x0040db00')).toBe('1500');
    // No Specific Character Set: every value is ASCII, which every reader decodes.
    expect(dataSet.elements.x00080005).toBeUndefined();
  });

  it.runIf(HAS_DCIODVFY)('passes dciodvfy with no error and no warning (person observer, UNVERIFIED)', () => {
    const v = dciodvfy(path);
    expect(v.output).toContain('Comprehensive3DSR');
    expect(v.errors).toEqual([]);
    expect(v.warnings).toEqual([]);
  });

  it.runIf(HAS_DCIODVFY)('passes dciodvfy when VERIFIED with a verifying observer, and with a device observer', () => {
    for (const p of [verifiedPath, devicePath]) {
      const v = dciodvfy(p);
      expect(v.errors, p).toEqual([]);
      expect(v.warnings, p).toEqual([]);
    }
  });

  it.runIf(HAS_DSRDUMP)('is parsed by dcmtk dsrdump without a warning, with the tracking identifiers and the numbers with their units', () => {
    const d = dsrdump(path);
    expect(d.status).toBe(0);
    expect(d.stderr).toBe('');
    expect(d.stdout).toContain('Comprehensive 3D SR Document');
    expect(d.stdout).toContain('TID 1500 (DCMR)');
    for (const id of ['L1', 'L2', 'N1']) expect(d.stdout).toContain(`TEXT:(,,"Tracking Identifier")="${id}"`);
    expect(d.stdout).toContain('NUM:(,,"Long Axis")="32.4" (mm,UCUM,"millimeter")');
    expect(d.stdout).toContain('NUM:(,,"Short Axis")="16.8" (mm,UCUM,"millimeter")');
    // 9876.543210987654 needs 17 characters: the DS holds 16, the exact value is in Floating Point Value.
    expect(d.stdout).toContain('NUM:(,,"Volume")="9876.54321098765" (mm3,UCUM,"cubic millimeter")');
    expect(d.stdout).toContain('NUM:(,,"Attenuation Coefficient")="48.3" ([hnsf\'U],UCUM,"Hounsfield unit")');
    expect(d.stdout).toContain('CODE:(,,"Derivation")=(373098007,SCT,"Mean")');
    expect(d.stdout).toContain('inferred from SCOORD3D:=(POLYLINE');
    expect(d.stdout).toContain('IMAGE:(,,"Referenced Segment")=(SG image,,1)');
    expect(d.stdout).toContain('SCOORD3D:(,,"Image Region")=(POLYGON');
    expect(d.stdout.match(/CONTAINER:\(,,"Measurement Group"\)/g)).toHaveLength(6);
  });

  it.runIf(HAS_DSRDUMP)('shows the verification and the device observer to dsrdump', () => {
    expect(dsrdump(verifiedPath).stdout).toMatch(/Verification Flag\s*: VERIFIED/);
    expect(dsrdump(verifiedPath).stdout).toContain('Verifier^Vera');
    const device = dsrdump(devicePath);
    expect(device.stderr).toBe('');
    expect(device.stdout).toMatch(/Completion Flag\s*: PARTIAL/);
    expect(device.stdout).toContain('UIDREF:(,,"Device Observer UID")="2.25.1234567890"');
  });

  it('writes UTF-8 (ISO_IR 192) only when a value needs it', () => {
    const { dataSet } = parseDicom(writeMeasurementReport({ ...options, observer: { kind: 'person', name: 'Müller^Jürgen' } }));
    expect(dataSet.string('x00080005')).toBe('ISO_IR 192');
  });
});
