import { onnx } from 'onnx-proto';

const { DataType } = onnx.TensorProto;
const { AttributeType } = onnx.AttributeProto;

type AttributeValue = number | number[] | string;
export type Attributes = Record<string, AttributeValue | { float: number }>;

/** A minimal ONNX graph writer: named tensors in, nodes and initializers accumulated, bytes out (for fixture models and model conversion). */
export class OnnxGraphBuilder {
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private counter = 0;

  /** Adds a node and returns the name of its (first) output. */
  op(opType: string, inputs: readonly string[], attributes: Attributes = {}, outputCount = 1): string {
    const id = `${opType.toLowerCase()}_${this.counter++}`;
    const outputs = Array.from({ length: outputCount }, (_, i) => (outputCount === 1 ? id : `${id}_${i}`));
    this.nodes.push({ opType, name: id, input: [...inputs], output: outputs, attribute: toAttributes(attributes) });
    return outputs[0] as string;
  }

  /** Like `op`, for nodes with several outputs. */
  ops(opType: string, inputs: readonly string[], outputCount: number, attributes: Attributes = {}): string[] {
    const first = this.op(opType, inputs, attributes, outputCount);
    const base = first.slice(0, -2);
    return Array.from({ length: outputCount }, (_, i) => `${base}_${i}`);
  }

  float(name: string, dims: readonly number[], values: Float32Array): string {
    return this.initializer(name, dims, DataType.FLOAT, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }

  int8(name: string, dims: readonly number[], values: Int8Array): string {
    return this.initializer(name, dims, DataType.INT8, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }

  int64(name: string, dims: readonly number[], values: readonly number[]): string {
    const data = new BigInt64Array(values.map((value) => BigInt(value)));
    return this.initializer(name, dims, DataType.INT64, new Uint8Array(data.buffer));
  }

  scalarFloat(name: string, value: number): string {
    return this.float(name, [], new Float32Array([value]));
  }

  /**
   * The model: int64 inputs shaped [batch_size, sequence_length], and one float output shaped
   * `output.dims` (default [batch_size, sequence_length, hidden_size]).
   */
  toBytes(options: { graphName: string; producer?: string; inputs: readonly string[]; output: { name: string; from: string; dims?: readonly string[] } }): Uint8Array {
    this.nodes.push({ opType: 'Identity', name: 'output', input: [options.output.from], output: [options.output.name] });
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: options.producer ?? 'docent-fixture-generator',
      opsetImport: [{ domain: '', version: 17 }],
      graph: {
        name: options.graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: options.inputs.map((name) => tensorValue(name, DataType.INT64, ['batch_size', 'sequence_length'])),
        output: [tensorValue(options.output.name, DataType.FLOAT, options.output.dims ?? ['batch_size', 'sequence_length', 'hidden_size'])],
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }

  private initializer(name: string, dims: readonly number[], dataType: number, rawData: Uint8Array): string {
    this.initializers.push({ name, dims: [...dims], dataType, rawData });
    return name;
  }
}

function tensorValue(name: string, elemType: number, dims: readonly string[]): onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim: dims.map((dimParam) => ({ dimParam })) } } } };
}

function toAttributes(attributes: Attributes): onnx.IAttributeProto[] {
  return Object.entries(attributes).map(([name, value]) => {
    if (typeof value === 'object' && !Array.isArray(value)) return { name, type: AttributeType.FLOAT, f: value.float };
    if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
    if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
    return { name, type: AttributeType.INT, i: value };
  });
}
