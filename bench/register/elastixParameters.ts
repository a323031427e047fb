// elastix parameter files for the registration benchmark: the same metric (Mattes MI, 32 bins),
// pyramid depth and iteration budget as Voxa's defaults; elastix's own optimizer (adaptive
// stochastic gradient descent, 2,048 random samples drawn anew every iteration) and automatic
// parameter scales, as its manual recommends for rigid and affine registration.
export type ElastixMode = 'rigid' | 'affine';

export function elastixParameters(mode: ElastixMode, resolutions: number): string {
  const p: Record<string, string | number> = {
    FixedInternalImagePixelType: '"float"',
    MovingInternalImagePixelType: '"float"',
    FixedImageDimension: 3,
    MovingImageDimension: 3,
    Registration: '"MultiResolutionRegistration"',
    FixedImagePyramid: '"FixedSmoothingImagePyramid"',
    MovingImagePyramid: '"MovingSmoothingImagePyramid"',
    Interpolator: '"BSplineInterpolator"',
    BSplineInterpolationOrder: 1,
    ResampleInterpolator: '"FinalBSplineInterpolator"',
    FinalBSplineInterpolationOrder: 3,
    Resampler: '"DefaultResampler"',
    Metric: '"AdvancedMattesMutualInformation"',
    NumberOfHistogramBins: 32,
    Optimizer: '"AdaptiveStochasticGradientDescent"',
    Transform: mode === 'rigid' ? '"EulerTransform"' : '"AffineTransform"',
    AutomaticScalesEstimation: '"true"',
    AutomaticTransformInitialization: '"true"',
    AutomaticTransformInitializationMethod: '"CenterOfGravity"',
    HowToCombineTransforms: '"Compose"',
    NumberOfResolutions: resolutions,
    MaximumNumberOfIterations: 250,
    ImageSampler: '"RandomCoordinate"',
    NumberOfSpatialSamples: 2048,
    NewSamplesEveryIteration: '"true"',
    DefaultPixelValue: 0,
    WriteResultImage: '"false"',
    ResultImageFormat: '"nii"',
  };
  return Object.entries(p).map(([k, v]) => `(${k} ${v})`).join('\n') + '\n';
}
