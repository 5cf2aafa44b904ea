import { InvalidVectorError } from '../errors';

/** The largest dimension pgvector's `vector` type accepts. */
export const MAX_VECTOR_DIMENSION = 16_000;

export type VectorInput = Float32Array | readonly number[];

/**
 * Formats a vector as pgvector's text form `[x,y,…]`.
 * Nine significant digits tell every two float32 values apart, so pgvector's float4 parser
 * recovers the original bits; the double's shortest form would be about twice as long and
 * several times slower to print.
 */
export function toVectorLiteral(vector: VectorInput): string {
  if (vector.length === 0) throw new InvalidVectorError('A vector needs at least one dimension');
  if (vector.length > MAX_VECTOR_DIMENSION) {
    throw new InvalidVectorError(`A vector has at most ${MAX_VECTOR_DIMENSION} dimensions, got ${vector.length}`);
  }
  let literal = '[';
  for (let i = 0; i < vector.length; i++) {
    const value = Math.fround(vector[i] as number);
    if (!Number.isFinite(value)) throw new InvalidVectorError(`Vector component ${i} is ${value}; only finite numbers are stored`);
    // String(-0) is "0"; keep the sign so the bits survive.
    const text = Object.is(value, -0) ? '-0' : value.toPrecision(9);
    literal += i === 0 ? text : `,${text}`;
  }
  return `${literal}]`;
}

/** Parses pgvector's text form back into a Float32Array. */
export function parseVectorLiteral(literal: string): Float32Array {
  const body = literal.trim();
  if (!body.startsWith('[') || !body.endsWith(']')) throw new InvalidVectorError(`Not a vector literal: ${body.slice(0, 40)}`);
  const parts = body.slice(1, -1).split(',');
  const vector = new Float32Array(parts.length);
  for (let i = 0; i < parts.length; i++) vector[i] = Number(parts[i]);
  return vector;
}

/** Dimensions appear in SQL as type modifiers (`vector(384)`), which cannot be bound parameters. */
export function assertDimension(dimension: number): number {
  if (!Number.isSafeInteger(dimension) || dimension < 1 || dimension > MAX_VECTOR_DIMENSION) {
    throw new InvalidVectorError(`Dimension must be an integer between 1 and ${MAX_VECTOR_DIMENSION}, got ${dimension}`);
  }
  return dimension;
}
