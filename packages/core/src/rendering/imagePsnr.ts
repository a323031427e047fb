/**
 * PSNR (dB) of an image against a reference, both RGBA floats 0–1 (alpha ignored; values above 1
 * count as 1): how the path tracer's convergence is measured in the tests and the benchmark.
 */
export function imagePsnr(image: Float32Array, reference: Float32Array): number {
  if (image.length !== reference.length) throw new RangeError(`PSNR of images of ${image.length} and ${reference.length} values`);
  let se = 0, n = 0;
  for (let i = 0; i < image.length; i++) {
    if (i % 4 === 3) continue;
    se += (Math.min(1, image[i]) - Math.min(1, reference[i])) ** 2;
    n++;
  }
  return 10 * Math.log10(1 / (se / n));
}
