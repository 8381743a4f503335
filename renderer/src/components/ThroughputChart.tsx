import { useFerry } from '../state/context.tsx';
import { formatSpeed } from '../format.ts';
import { t } from '../i18n/catalog.ts';
import { timeOfDay } from '../i18n/format.ts';
import { THROUGHPUT_SAMPLES } from '../../../shared/model.ts';

const WIDTH = 300;
const HEIGHT = 48;

/** The top of the scale: the peak rounded up to 1, 2 or 5 times a power of ten (bytes per second). */
export function scaleTop(peak: number): number {
  if (peak <= 0) return 1000;
  const power = 10 ** Math.floor(Math.log10(peak));
  return [1, 2, 5, 10].map((step) => step * power).find((top) => top >= peak)!;
}

/** Total throughput over the last five minutes, one point a second (the host keeps the history). */
export function ThroughputChart() {
  const samples = useFerry((s) => s.throughput);
  const lostAt = useFerry((s) => s.linkLostAt);
  const peak = Math.max(0, ...samples);
  const top = scaleTop(peak);
  const y = (v: number) => HEIGHT - (v / top) * (HEIGHT - 2) - 1;
  const points = samples.map((v, i) => `${((THROUGHPUT_SAMPLES - samples.length + i) / (THROUGHPUT_SAMPLES - 1)) * WIDTH},${y(v)}`).join(' ');
  const latest = samples.at(-1) ?? 0;
  // Without the link there is no "now": the caption says since when.
  const now = lostAt ? t.chart.offline(timeOfDay(lostAt)) : formatSpeed(latest) || t.totals.idle;
  const caption = lostAt ? now : peak > 0 ? t.chart.caption(now, formatSpeed(peak)) : t.chart.quiet;
  return (
    <figure className="chart" aria-label={t.chart.label(now, formatSpeed(top))}>
      <div className="chart-plot">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-hidden="true">
          <line className="grid" x1="0" x2={WIDTH} y1={y(top / 2)} y2={y(top / 2)} />
          {samples.length > 1 && <polyline points={points} />}
        </svg>
        <span className="scale scale-top" aria-hidden="true">{formatSpeed(top)}</span>
        <span className="scale scale-mid" aria-hidden="true">{formatSpeed(top / 2)}</span>
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
