import seedrandom from 'seedrandom';

/** Percentile by nearest rank over a copy of `samples` (milliseconds in, milliseconds out). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function formatTable(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cells = [headers, ...rows].map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column] as number)).join(' | ')} |`;
  return [line(cells[0] as string[]), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

/** Deterministic random numbers (seedrandom's Alea) so runs compare like with like. */
export function seededRandom(seed: number): () => number {
  return seedrandom.alea(String(seed));
}

/** A random unit vector, as sentence embeddings are. */
export function randomUnitVector(random: () => number, dimension: number): Float32Array {
  const vector = new Float32Array(dimension);
  let sum = 0;
  for (let i = 0; i < dimension; i++) {
    const value = random() * 2 - 1;
    vector[i] = value;
    sum += value * value;
  }
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < dimension; i++) vector[i] = (vector[i] as number) * scale;
  return vector;
}

/**
 * Unit vectors around `clusters` random centres, which is how sentence embeddings sit in
 * space (topics), unlike uniform random vectors, whose neighbours are all nearly equidistant.
 */
export function clusteredVectorSource(random: () => number, dimension: number, clusters = 100, spread = 0.6): () => Float32Array {
  const centres = Array.from({ length: clusters }, () => randomUnitVector(random, dimension));
  return () => {
    const centre = centres[Math.floor(random() * clusters)] as Float32Array;
    const noise = randomUnitVector(random, dimension);
    const vector = new Float32Array(dimension);
    let sum = 0;
    for (let i = 0; i < dimension; i++) {
      const value = (centre[i] as number) + spread * (noise[i] as number);
      vector[i] = value;
      sum += value * value;
    }
    const scale = 1 / Math.sqrt(sum);
    for (let i = 0; i < dimension; i++) vector[i] = (vector[i] as number) * scale;
    return vector;
  };
}
