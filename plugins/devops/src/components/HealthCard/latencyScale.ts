/**
 * The top of the latency chart's scale. One slow spike would otherwise
 * flatten every typical check onto the baseline, so the scale stops at three
 * times the p95 (and at least twice the median) when the maximum is beyond
 * that; the points above are drawn at the top and marked as off the scale.
 */
export function latencyScaleMax(
  latencies: number[],
  p50?: number,
  p95?: number,
): { max: number; clipped: boolean } {
  const highest = Math.max(...latencies, 1);
  const typical = Math.max((p95 ?? highest) * 3, (p50 ?? 0) * 2, 1);
  if (highest <= typical) {
    return { max: niceCeiling(highest), clipped: false };
  }
  return { max: niceCeiling(typical), clipped: true };
}

/** 1, 2 or 5 times a power of ten, at or above `value`: a readable tick. */
export function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(value, 1)));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= value) {
      return step * power;
    }
  }
  return 10 * power;
}
