/**
 * A tiny ONNX writer for tests: a ModelProto (IR 7, opset 13) whose graph is a chain of 3D Conv
 * layers (optionally each followed by Relu), weights as initializers, and spatial input/output
 * dimensions left symbolic so one model takes any window size. Protobuf wire format by hand
 * (onnx.proto3 field numbers); onnxruntime reads the result like any exported model.
 */
import { mulberry32 } from './mulberry32.ts';

/** One Conv3D layer: weights [out, in, k, k, k] (C order, as ONNX stores them), bias [out]. */
export interface ConvLayer {
  inChannels: number;
  outChannels: number;
  /** Odd cube kernel size; padding k/2 keeps the spatial size. */
  kernel: number;
  weights: Float32Array;
  bias: Float32Array;
  relu?: boolean;
}

/** The ONNX bytes of a chain of Conv3D layers from `input` [1, in, d, h, w] to `output` [1, out, d, h, w]. */
export function onnxConvModel(layers: ConvLayer[]): Uint8Array {
  const graph = new Proto();
  let x = 'input';
  layers.forEach((l, n) => {
    if (l.weights.length !== l.outChannels * l.inChannels * l.kernel ** 3) throw new Error(`layer ${n}: ${l.weights.length} weights for ${l.outChannels}×${l.inChannels}×${l.kernel}³`);
    const w = `w${n}`, b = `b${n}`, y = n === layers.length - 1 && !l.relu ? 'output' : `conv${n}`;
    const pad = (l.kernel - 1) / 2;
    graph.message(1, node('Conv', [x, w, b], [y], `conv${n}`, [
      intsAttribute('kernel_shape', [l.kernel, l.kernel, l.kernel]),
      intsAttribute('pads', [pad, pad, pad, pad, pad, pad]),
      intsAttribute('strides', [1, 1, 1]),
    ]));
    graph.message(5, floatTensor(w, [l.outChannels, l.inChannels, l.kernel, l.kernel, l.kernel], l.weights));
    graph.message(5, floatTensor(b, [l.outChannels], l.bias));
    x = y;
    if (l.relu) {
      const r = n === layers.length - 1 ? 'output' : `relu${n}`;
      graph.message(1, node('Relu', [x], [r], `relu${n}`, []));
      x = r;
    }
  });
  graph.string(2, 'voxa-test');
  graph.message(11, valueInfo('input', layers[0].inChannels));
  graph.message(12, valueInfo('output', layers[layers.length - 1].outChannels));
  const model = new Proto();
  model.varint(1, 7); // ir_version
  model.string(2, 'voxa-test'); // producer_name
  model.message(7, graph.bytes());
  const opset = new Proto();
  opset.string(1, '');
  opset.varint(2, 13);
  model.message(8, opset.bytes());
  return model.bytes();
}

/** Protobuf encoder: fields appended in the order written. */
class Proto {
  private readonly out: number[] = [];

  private tag(field: number, wire: number): void {
    this.raw(field * 8 + wire);
  }

  private raw(v: number): void {
    // Varint of a non-negative integer below 2^53: 7 bits per byte, low groups first.
    while (v >= 0x80) {
      this.out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.out.push(v);
  }

  varint(field: number, v: number): void {
    this.tag(field, 0);
    this.raw(v);
  }

  bytesField(field: number, b: Uint8Array): void {
    this.tag(field, 2);
    this.raw(b.length);
    for (const x of b) this.out.push(x);
  }

  string(field: number, s: string): void {
    this.bytesField(field, new TextEncoder().encode(s));
  }

  message(field: number, b: Uint8Array): void {
    this.bytesField(field, b);
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

function node(op: string, inputs: string[], outputs: string[], name: string, attributes: Uint8Array[]): Uint8Array {
  const p = new Proto();
  for (const i of inputs) p.string(1, i);
  for (const o of outputs) p.string(2, o);
  p.string(3, name);
  p.string(4, op);
  for (const a of attributes) p.message(5, a);
  return p.bytes();
}

function intsAttribute(name: string, values: number[]): Uint8Array {
  const p = new Proto();
  p.string(1, name);
  for (const v of values) p.varint(8, v);
  p.varint(20, 7); // AttributeType INTS
  return p.bytes();
}

function floatTensor(name: string, dims: number[], values: Float32Array): Uint8Array {
  const p = new Proto();
  for (const d of dims) p.varint(1, d);
  p.varint(2, 1); // DataType FLOAT
  p.string(8, name);
  const le = new Uint8Array(values.length * 4);
  const view = new DataView(le.buffer);
  values.forEach((v, n) => view.setFloat32(n * 4, v, true));
  p.bytesField(9, le); // raw_data, little-endian
  return p.bytes();
}

/** A float tensor [1, channels, d, h, w] with symbolic spatial dimensions. */
function valueInfo(name: string, channels: number): Uint8Array {
  const shape = new Proto();
  const dim = (value?: number, param?: string) => {
    const d = new Proto();
    if (value !== undefined) d.varint(1, value);
    else d.string(2, param!);
    shape.message(1, d.bytes());
  };
  dim(1);
  dim(channels);
  dim(undefined, 'd');
  dim(undefined, 'h');
  dim(undefined, 'w');
  const tensorType = new Proto();
  tensorType.varint(1, 1); // elem_type FLOAT
  tensorType.message(2, shape.bytes());
  const type = new Proto();
  type.message(1, tensorType.bytes());
  const p = new Proto();
  p.string(1, name);
  p.message(2, type.bytes());
  return p.bytes();
}

/** Deterministic pseudo-random numbers in [-1, 1) (mulberry32), for weights and images. */
export function seededRandom(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() * 2 - 1;
}
