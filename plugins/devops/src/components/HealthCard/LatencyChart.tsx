import type { EnvironmentHealth } from '@backstage-devops/plugin-devops-common';
import { useTheme } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import { latencyScaleMax } from './latencyScale';

const WIDTH = 480;
const HEIGHT = 132;
const LEFT = 56;
const BOTTOM = 20;
// Room above the plot for the note on spikes above the scale.
const TOP = 20;

const time = (iso: string) =>
  DateTime.fromISO(iso).toLocaleString(DateTime.TIME_24_SIMPLE);

/**
 * Latency over the window as an inline SVG (no chart library): a labelled
 * millisecond axis, the p50 and p95 as dashed lines, and a scale that keeps
 * typical latency readable when one check spikes; spikes above the scale are
 * drawn at the top with a marker and their value. The text alternative says
 * the same in words.
 */
export const LatencyChart = (props: {
  history: EnvironmentHealth['history'];
  p50Ms?: number;
  p95Ms?: number;
  windowHours: number;
}) => {
  const theme = useTheme();
  const points = props.history.filter(p => p.latencyMs !== undefined);
  if (points.length < 2) {
    return null;
  }
  const latencies = points.map(p => p.latencyMs!);
  const { max, clipped } = latencyScaleMax(latencies, props.p50Ms, props.p95Ms);
  const plotWidth = WIDTH - LEFT - 8;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (i: number) => LEFT + (i / (points.length - 1)) * plotWidth;
  const y = (ms: number) =>
    TOP + plotHeight - (Math.min(ms, max) / max) * plotHeight;
  const line = points
    .map((p, i) => `${x(i).toFixed(1)},${y(p.latencyMs!).toFixed(1)}`)
    .join(' ');
  const spikes = points
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.latencyMs! > max);
  const highest = points.reduce((a, b) =>
    b.latencyMs! > a.latencyMs! ? b : a,
  );

  const description = [
    `Latency over the last ${props.windowHours} h`,
    props.p50Ms !== undefined ? `p50 ${props.p50Ms} ms` : undefined,
    props.p95Ms !== undefined ? `p95 ${props.p95Ms} ms` : undefined,
    `highest ${highest.latencyMs} ms at ${time(highest.at)}${
      clipped ? ' (above the chart’s scale)' : ''
    }`,
  ]
    .filter(Boolean)
    .join(', ');

  const muted = theme.palette.text.secondary;
  const text = theme.palette.text.primary;
  // p50 labelled on the left, p95 on the right, so close lines stay legible.
  const reference = (
    ms: number | undefined,
    label: string,
    side: 'start' | 'end',
  ) =>
    ms === undefined || ms > max ? null : (
      <g>
        <line
          x1={LEFT}
          x2={LEFT + plotWidth}
          y1={y(ms)}
          y2={y(ms)}
          stroke={muted}
          strokeDasharray="4 3"
        />
        <text
          x={side === 'start' ? LEFT + 4 : LEFT + plotWidth - 2}
          y={y(ms) - 3}
          textAnchor={side}
          fontSize={11}
          fill={text}
        >
          {label} {ms} ms
        </text>
      </g>
    );

  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      style={{ maxWidth: WIDTH, display: 'block' }}
      role="img"
      aria-label={description}
    >
      <title>{description}</title>
      {/* The millisecond axis: 0, half and the top of the scale. */}
      {[0, max / 2, max].map(tick => (
        <g key={tick}>
          <line
            x1={LEFT - 4}
            x2={LEFT + plotWidth}
            y1={y(tick)}
            y2={y(tick)}
            stroke={theme.palette.divider}
          />
          <text
            x={LEFT - 6}
            y={y(tick) + 4}
            textAnchor="end"
            fontSize={11}
            fill={text}
          >
            {Math.round(tick)} ms
          </text>
        </g>
      ))}
      <text x={LEFT} y={HEIGHT - 4} fontSize={11} fill={text}>
        {time(points[0].at)}
      </text>
      <text
        x={LEFT + plotWidth}
        y={HEIGHT - 4}
        fontSize={11}
        fill={text}
        textAnchor="end"
      >
        {time(points[points.length - 1].at)}
      </text>
      {reference(props.p50Ms, 'p50', 'start')}
      {reference(props.p95Ms, 'p95', 'end')}
      <polyline fill="none" stroke={text} strokeWidth={1.5} points={line} />
      {spikes.map(({ p, i }) => (
        <g key={p.at}>
          <path
            d={`M ${x(i) - 5} ${TOP + 6} L ${x(i)} ${TOP} L ${x(i) + 5} ${
              TOP + 6
            } Z`}
            fill={text}
          />
          <title>{`${time(p.at)}: ${p.latencyMs} ms, above the scale`}</title>
        </g>
      ))}
      {clipped && (
        <text x={LEFT} y={12} fontSize={11} fill={text}>
          ▲ above {max} ms: up to {highest.latencyMs} ms
        </text>
      )}
    </svg>
  );
};
