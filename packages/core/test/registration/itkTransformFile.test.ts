import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transformPoint } from '../../src/math/Mat4.ts';
import { readItkTransform, writeItkTransform } from '../../src/registration/itkTransformFile.ts';
import { mat4FromCentered } from '../../src/registration/RegistrationTransform.ts';
import { rigidTransformModel } from '../../src/registration/rigidTransformModel.ts';
import { HAS_SHARED, sharedData } from '../util/shared.ts';
import { thrownMessage } from '../util/thrown.ts';

describe('ITK text transform files', () => {
  const center: [number, number, number] = [12.5, -40, 7];
  const m = new Float64Array(12);
  rigidTransformModel.matrix(new Float64Array([0.05, -0.02, 0.1, 3, -4, 5.5]), center, m);
  const fixedToMoving = mat4FromCentered(m, center);

  it('writes an AffineTransform_double_3_3 that reads back to the same mapping of points', () => {
    const text = writeItkTransform({ kind: 'rigid', fixedToMoving, centerMm: center, parameters: [] });
    expect(text.split('\n').slice(0, 3)).toEqual(['#Insight Transform File V1.0', '#Transform 0', 'Transform: AffineTransform_double_3_3']);
    expect(text).toMatch(/^FixedParameters: 12.5 -40 7$/m);
    const back = readItkTransform(text);
    for (const p of [[0, 0, 0], [100, -50, 20], center] as [number, number, number][]) {
      const a = transformPoint(fixedToMoving, p), b = transformPoint(back.fixedToMoving, p);
      for (let i = 0; i < 3; i++) expect(b[i]).toBeCloseTo(a[i], 12);
    }
    // ITK's translation is T(c) − c: the centre moves by exactly t.
    expect(text).toMatch(/^Parameters: (\S+ ){9}3 -4 5.5$/m);
  });

  it('names the file and what it expected when the text is not a usable transform', () => {
    expect(thrownMessage(() => readItkTransform('hello', 'x.tfm'))).toMatch(/expected the first line "#Insight Transform File V1\.0" \(file x\.tfm\)/);
    expect(thrownMessage(() => readItkTransform('#Insight Transform File V1.0\nTransform: BSplineTransform_double_3_3\n', 'b.tfm'))).toMatch(/BSplineTransform_double_3_3: expected a 3D AffineTransform/);
    expect(thrownMessage(() => readItkTransform('#Insight Transform File V1.0\nTransform: AffineTransform_double_3_3\nParameters: 1 0 0\n', 'c.tfm'))).toMatch(/expected 12 numbers.*got 3/);
  });

  it.runIf(HAS_SHARED)('reads the open_ms_data MatrixOffsetTransformBase files (matrix, translation and centre)', () => {
    const file = sharedData('open_ms_data/longitudinal/raw/patient01/study1_FLAIR_to_common_space.txt');
    const t = readItkTransform(readFileSync(file, 'utf8'), file);
    expect(t.centerMm).toEqual([0.431239, 13.066, -14.9495]);
    // At the centre the map is c + t = (0.431239 − 0.47633, 13.066 − 1.08648, −14.9495 + 4.15365).
    const c = transformPoint(t.fixedToMoving, t.centerMm);
    expect(c[0]).toBeCloseTo(0.431239 - 0.47633, 9);
    expect(c[1]).toBeCloseTo(13.066 - 1.08648, 9);
    expect(c[2]).toBeCloseTo(-14.9495 + 4.15365, 9);
  });
});
