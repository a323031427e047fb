import type { InferenceSession, TensorConstructor } from 'onnxruntime-common';
import { VoxaError } from '../../errors/VoxaError.ts';

/**
 * Runs a model on one float32 tensor and returns its one float32 output. The engine never sees
 * the runtime: onnxruntime-node, onnxruntime-web, or a test double all fit behind this.
 */
export interface TensorRunner {
  /** `dims` are the input tensor's dimensions, e.g. [1, 1, 256, 256, 256]; the input is not kept or changed. */
  run(input: Float32Array, dims: readonly number[]): Promise<Float32Array>;
  dispose(): Promise<void> | void;
}

/** Options of `createOrtRunner`. */
export interface OrtRunnerOptions {
  /** Input tensor name; default: the session's first input. */
  inputName?: string;
  /** Output tensor name; default: the session's first output. */
  outputName?: string;
}

/**
 * A TensorRunner over an onnxruntime InferenceSession. `Tensor` is the constructor of the same
 * onnxruntime package the session came from (onnxruntime-node or onnxruntime-web), so this file
 * depends on neither.
 *
 * @example const runner = createOrtRunner(await ort.InferenceSession.create(bytes), ort.Tensor);
 */
export function createOrtRunner(session: InferenceSession, Tensor: TensorConstructor, options: OrtRunnerOptions = {}): TensorRunner {
  const inputName = options.inputName ?? session.inputNames[0];
  const outputName = options.outputName ?? session.outputNames[0];
  if (!session.inputNames.includes(inputName)) {
    throw new VoxaError('VOXA_ERR_MODEL', { input: inputName }, `the model has no input "${inputName}"; it has ${session.inputNames.join(', ')}`);
  }
  if (!session.outputNames.includes(outputName)) {
    throw new VoxaError('VOXA_ERR_MODEL', { output: outputName }, `the model has no output "${outputName}"; it has ${session.outputNames.join(', ')}`);
  }
  return {
    async run(input, dims) {
      const tensor = new Tensor('float32', input, dims);
      const results = await session.run({ [inputName]: tensor }, [outputName]);
      const out = results[outputName];
      if (out.type !== 'float32') {
        throw new VoxaError('VOXA_ERR_MODEL', { output: outputName }, `expected a float32 output, got ${out.type}`);
      }
      return out.data as Float32Array;
    },
    async dispose() {
      await session.release();
    },
  };
}
