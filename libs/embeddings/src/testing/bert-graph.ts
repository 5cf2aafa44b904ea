import seedrandom from 'seedrandom';
import { OnnxGraphBuilder } from '../onnx/onnx-graph-builder';

/** The shape of a BERT encoder; `hiddenSize` must divide by `heads`. */
export interface BertShape {
  hiddenSize: number;
  layers: number;
  heads: number;
  intermediateSize: number;
  vocabSize: number;
  maxPositions: number;
}

/**
 * Builds a BERT encoder as an ONNX graph with deterministic random weights: the inputs,
 * outputs and compute of a real sentence encoder, none of its knowledge. With `quantized`,
 * every weight matrix is int8 and multiplied with dynamically quantized activations
 * (DynamicQuantizeLinear + MatMulInteger), as ONNX Runtime's dynamic quantization does.
 */
export function buildBertOnnx(shape: BertShape, options: { seed: number; quantized: boolean }): Uint8Array {
  const g = new OnnxGraphBuilder();
  const weights = new WeightSource(options.seed);
  const { hiddenSize: hidden, heads } = shape;
  const headSize = hidden / heads;

  const dense = (input: string, name: string, inSize: number, outSize: number): string => {
    const matrix = weights.normal(inSize * outSize, 0.02);
    const bias = g.float(`${name}.bias`, [outSize], weights.zeros(outSize));
    if (!options.quantized) return g.op('Add', [g.op('MatMul', [input, g.float(`${name}.weight`, [inSize, outSize], matrix)]), bias]);
    const { values, scale } = quantizeSymmetric(matrix);
    const [q, qScale, qZero] = g.ops('DynamicQuantizeLinear', [input], 3) as [string, string, string];
    const product = g.op('MatMulInteger', [q, g.int8(`${name}.weight_int8`, [inSize, outSize], values), qZero, g.int8(`${name}.weight_zero`, [], new Int8Array(1))]);
    const rescale = g.op('Mul', [qScale, g.scalarFloat(`${name}.weight_scale`, scale)]);
    return g.op('Add', [g.op('Mul', [g.op('Cast', [product], { to: 1 }), rescale]), bias]);
  };
  const layerNorm = (input: string, name: string) =>
    g.op('LayerNormalization', [input, g.float(`${name}.gamma`, [hidden], weights.ones(hidden)), g.float(`${name}.beta`, [hidden], weights.zeros(hidden))], {
      axis: -1,
      epsilon: { float: 1e-12 },
    });

  // Embeddings: word + position + token type, then LayerNorm.
  const words = g.op('Gather', [g.float('embeddings.word', [shape.vocabSize, hidden], weights.normal(shape.vocabSize * hidden, 0.02)), 'input_ids']);
  const sequenceLength = g.op('Gather', [g.op('Shape', ['input_ids']), g.int64('const.one_index', [], [1])]);
  const positionIds = g.op('Range', [g.int64('const.zero', [], [0]), sequenceLength, g.int64('const.one', [], [1])]);
  const positions = g.op('Gather', [g.float('embeddings.position', [shape.maxPositions, hidden], weights.normal(shape.maxPositions * hidden, 0.02)), positionIds]);
  const types = g.op('Gather', [g.float('embeddings.token_type', [2, hidden], weights.normal(2 * hidden, 0.02)), 'token_type_ids']);
  let hiddenStates = layerNorm(g.op('Add', [g.op('Add', [words, positions]), types]), 'embeddings.norm');

  // Padding positions get a large negative attention bias, so they never leak into real tokens.
  const maskFloat = g.op('Cast', ['attention_mask'], { to: 1 });
  const maskBias = g.op('Mul', [
    g.op('Sub', [g.scalarFloat('const.f_one', 1), g.op('Unsqueeze', [maskFloat, g.int64('const.mask_axes', [2], [1, 2])])]),
    g.scalarFloat('const.mask_value', -10000),
  ]);
  const splitHeads = g.int64('const.split_heads', [4], [0, 0, heads, headSize]);
  const mergeHeads = g.int64('const.merge_heads', [3], [0, 0, hidden]);
  const attentionScale = g.scalarFloat('const.attention_scale', 1 / Math.sqrt(headSize));

  for (let layer = 0; layer < shape.layers; layer++) {
    const p = `layer${layer}`;
    const heads4d = (x: string, perm: number[]) => g.op('Transpose', [g.op('Reshape', [x, splitHeads])], { perm });
    const query = heads4d(dense(hiddenStates, `${p}.query`, hidden, hidden), [0, 2, 1, 3]);
    const key = heads4d(dense(hiddenStates, `${p}.key`, hidden, hidden), [0, 2, 3, 1]);
    const value = heads4d(dense(hiddenStates, `${p}.value`, hidden, hidden), [0, 2, 1, 3]);
    const scores = g.op('Add', [g.op('Mul', [g.op('MatMul', [query, key]), attentionScale]), maskBias]);
    const context = g.op('Reshape', [g.op('Transpose', [g.op('MatMul', [g.op('Softmax', [scores], { axis: -1 }), value])], { perm: [0, 2, 1, 3] }), mergeHeads]);
    const attended = layerNorm(g.op('Add', [dense(context, `${p}.attention_output`, hidden, hidden), hiddenStates]), `${p}.attention_norm`);

    const intermediate = gelu(g, dense(attended, `${p}.intermediate`, hidden, shape.intermediateSize), p);
    hiddenStates = layerNorm(g.op('Add', [dense(intermediate, `${p}.output`, shape.intermediateSize, hidden), attended]), `${p}.output_norm`);
  }

  return g.toBytes({
    graphName: 'untrained_bert_fixture',
    inputs: ['input_ids', 'attention_mask', 'token_type_ids'],
    output: { name: 'last_hidden_state', from: hiddenStates },
  });
}

/** Exact GELU: x · ½ · (1 + erf(x / √2)). */
function gelu(g: OnnxGraphBuilder, x: string, prefix: string): string {
  const erf = g.op('Erf', [g.op('Div', [x, g.scalarFloat(`${prefix}.sqrt2`, Math.SQRT2)])]);
  return g.op('Mul', [g.op('Mul', [x, g.op('Add', [erf, g.scalarFloat(`${prefix}.gelu_one`, 1)])]), g.scalarFloat(`${prefix}.gelu_half`, 0.5)]);
}

function quantizeSymmetric(matrix: Float32Array): { values: Int8Array; scale: number } {
  let max = 0;
  for (const value of matrix) max = Math.max(max, Math.abs(value));
  const scale = max === 0 ? 1 : max / 127;
  const values = new Int8Array(matrix.length);
  for (let i = 0; i < matrix.length; i++) values[i] = Math.max(-127, Math.min(127, Math.round((matrix[i] as number) / scale)));
  return { values, scale };
}

/** Deterministic weights (seedrandom's Alea + Box-Muller): the same seed gives the same model, byte for byte. */
class WeightSource {
  private readonly uniform: () => number;

  constructor(seed: number) {
    this.uniform = seedrandom.alea(String(seed));
  }

  normal(count: number, std: number): Float32Array {
    const values = new Float32Array(count);
    for (let i = 0; i < count; i += 2) {
      const radius = Math.sqrt(-2 * Math.log(this.uniform() || Number.MIN_VALUE)) * std;
      const angle = 2 * Math.PI * this.uniform();
      values[i] = radius * Math.cos(angle);
      if (i + 1 < count) values[i + 1] = radius * Math.sin(angle);
    }
    return values;
  }

  zeros(count: number): Float32Array {
    return new Float32Array(count);
  }

  ones(count: number): Float32Array {
    return new Float32Array(count).fill(1);
  }
}
