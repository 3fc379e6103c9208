import type { EnvironmentHealth } from '@backstage-devops/plugin-devops-common';

/** Latency over the window as a small inline SVG line; no chart library. */
export const LatencySparkline = (props: {
  history: EnvironmentHealth['history'];
  width?: number;
  height?: number;
}) => {
  const { width = 240, height = 40 } = props;
  const points = props.history.filter(p => p.latencyMs !== undefined);
  if (points.length < 2) {
    return null;
  }
  const max = Math.max(...points.map(p => p.latencyMs!));
  const path = points
    .map((p, i) => {
      const x = (i / (points.length - 1)) * width;
      const y = height - (p.latencyMs! / (max || 1)) * (height - 2) - 1;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={`Latency over the window, up to ${max} ms`}
    >
      <polyline
        fill="none"
        stroke="currentColor"
        strokeWidth={1.5}
        points={path}
      />
    </svg>
  );
};
