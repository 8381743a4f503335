import { useFerry } from '../state/context.tsx';
import { formatSpeed } from '../format.ts';
import { THROUGHPUT_SAMPLES } from '../state/store.ts';

const WIDTH = 300;
const HEIGHT = 48;

/** Total throughput over the last five minutes, one point a second. */
export function ThroughputChart() {
  const samples = useFerry((s) => s.throughput);
  const peak = Math.max(0, ...samples);
  const max = Math.max(1, peak);
  const points = samples
    .map((v, i) => `${((THROUGHPUT_SAMPLES - samples.length + i) / (THROUGHPUT_SAMPLES - 1)) * WIDTH},${HEIGHT - (v / max) * (HEIGHT - 2) - 1}`)
    .join(' ');
  const latest = samples.at(-1) ?? 0;
  return (
    <figure className="chart" aria-label={`Throughput over the last five minutes; now ${formatSpeed(latest) || 'idle'}`}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-hidden="true">
        {samples.length > 1 && <polyline points={points} />}
      </svg>
      <figcaption>{peak > 0 ? `peak ${formatSpeed(peak)}` : 'no traffic'}</figcaption>
    </figure>
  );
}
