/** Options of {@link regularStepGradientAscent}. */
export interface RegularStepOptions {
  /** First step length, in scaled units (≈ mm of displacement). */
  maxStep: number;
  /** Stop once the step has shrunk below this. */
  minStep: number;
  maxIterations: number;
  /** Factor applied to the step each time the gradient turns back (default 0.5). */
  relaxation?: number;
}

/** What the optimizer did. */
export interface RegularStepResult {
  iterations: number;
  value: number;
  stop: 'min-step' | 'max-iterations' | 'zero-gradient';
}

/**
 * Maximise f by regular-step gradient ascent (ITK's RegularStepGradientDescentOptimizer, turned
 * uphill): move `step` along the normalised scaled gradient; halve the step whenever the gradient
 * turns by more than 90°, which brackets the optimum without line searches. `scales` are the mm
 * per unit of each parameter (see TransformModel.scales). `params` is updated in place.
 */
export function regularStepGradientAscent(
  f: (params: Float64Array, gradient: Float64Array) => number,
  params: Float64Array,
  scales: Float64Array,
  options: RegularStepOptions,
): RegularStepResult {
  const n = params.length;
  const gradient = new Float64Array(n);
  const scaled = new Float64Array(n);
  const previous = new Float64Array(n);
  const relaxation = options.relaxation ?? 0.5;
  let step = options.maxStep;
  let value = 0;
  let hasPrevious = false;
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    value = f(params, gradient);
    // In scaled coordinates q = μ·s the gradient is g/s.
    let norm = 0;
    for (let p = 0; p < n; p++) {
      scaled[p] = gradient[p] / scales[p];
      norm += scaled[p] * scaled[p];
    }
    norm = Math.sqrt(norm);
    if (!(norm > 0)) return { iterations: iteration, value, stop: 'zero-gradient' };
    if (hasPrevious) {
      let turn = 0;
      for (let p = 0; p < n; p++) turn += scaled[p] * previous[p];
      if (turn < 0) step *= relaxation;
    }
    if (step < options.minStep) return { iterations: iteration, value, stop: 'min-step' };
    for (let p = 0; p < n; p++) {
      params[p] += (step * scaled[p]) / norm / scales[p];
      previous[p] = scaled[p];
    }
    hasPrevious = true;
  }
  return { iterations: options.maxIterations, value, stop: 'max-iterations' };
}
