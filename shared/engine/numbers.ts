// Number helpers the engine and the kinds share (a leaf: imports nothing).

/** Rounds to `digits` decimals (the CLI JSON's precision). */
export function round(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  const scale = Math.pow(10, digits);
  return Math.round(value * scale) / scale;
}
