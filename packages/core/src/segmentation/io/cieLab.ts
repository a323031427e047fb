/**
 * DICOM CIELab ↔ sRGB (PS3.3 C.10.7.1.1: Recommended Display CIELab Value holds L*, a*, b* scaled
 * to 0–65535, L* 0–100 and a*, b* −128–127; the white point is D65, as in dcmtk's cielabutil and
 * dcmjs's Colors, so colours round-trip with Slicer, OHIF and highdicom).
 */

/** D65 reference white (CIE 1931 2°), XYZ with Y = 1. */
const WHITE: [number, number, number] = [0.950456, 1, 1.088754];

/** CIE constants: (6/29)³ and (29/6)²/3 for the linear part of f(t). */
const EPSILON = 216 / 24389;
const KAPPA = 24389 / 27;

function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function linearToSrgb(c: number): number {
  return c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
}

function labF(t: number): number {
  return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}

function labFInverse(f: number): number {
  const t = f * f * f;
  return t > EPSILON ? t : (116 * f - 16) / KAPPA;
}

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

/** sRGB (0–255 per channel) → DICOM CIELab (three 0–65535 integers). */
export function rgbToDicomLab(rgb: readonly [number, number, number]): [number, number, number] {
  const [r, g, b] = rgb.map((c) => srgbToLinear(clamp(c, 0, 255) / 255));
  // sRGB primaries → XYZ (IEC 61966-2-1).
  const x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = 0.0193339 * r + 0.119192 * g + 0.9503041 * b;
  const fx = labF(x / WHITE[0]), fy = labF(y / WHITE[1]), fz = labF(z / WHITE[2]);
  const L = 116 * fy - 16, a = 500 * (fx - fy), bb = 200 * (fy - fz);
  return [
    Math.round(clamp(L, 0, 100) * 65535 / 100),
    Math.round(clamp((a + 128) * 65535 / 255, 0, 65535)),
    Math.round(clamp((bb + 128) * 65535 / 255, 0, 65535)),
  ];
}

/** DICOM CIELab (three 0–65535 integers) → sRGB 0–255 (rounded, out-of-gamut colours clipped). */
export function dicomLabToRgb(lab: readonly [number, number, number]): [number, number, number] {
  const L = (lab[0] * 100) / 65535, a = (lab[1] * 255) / 65535 - 128, b = (lab[2] * 255) / 65535 - 128;
  const fy = (L + 16) / 116, fx = fy + a / 500, fz = fy - b / 200;
  const x = WHITE[0] * labFInverse(fx), y = WHITE[1] * labFInverse(fy), z = WHITE[2] * labFInverse(fz);
  const r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
  const g = -0.969266 * x + 1.8760108 * y + 0.041556 * z;
  const bl = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
  return [r, g, bl].map((c) => Math.round(clamp(linearToSrgb(clamp(c, 0, 1)), 0, 1) * 255)) as [number, number, number];
}
