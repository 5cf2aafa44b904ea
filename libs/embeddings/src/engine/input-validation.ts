export type InvalidReason = 'not a string' | 'empty' | 'whitespace only';

export interface InvalidInput {
  index: number;
  reason: InvalidReason;
}

/** Splits inputs into texts worth sending to a model and the slots that are not. */
export function partitionInputs(inputs: readonly unknown[]): { valid: { index: number; text: string }[]; invalid: InvalidInput[] } {
  const valid: { index: number; text: string }[] = [];
  const invalid: InvalidInput[] = [];
  inputs.forEach((input, index) => {
    if (typeof input !== 'string') invalid.push({ index, reason: 'not a string' });
    else if (input.length === 0) invalid.push({ index, reason: 'empty' });
    else if (input.trim().length === 0) invalid.push({ index, reason: 'whitespace only' });
    else valid.push({ index, text: input });
  });
  return { valid, invalid };
}
