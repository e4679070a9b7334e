import type { PageContext } from '../../../../platform/views/context.js';
import type { CurvePoint, DayCurves } from '../../history/service.js';

const width = 640;
const height = 220;
// Room for the 22-unit labels: "100 %" left of the plot, half of "24:00" right of it.
const pad = { left: 72, right: 34, top: 14, bottom: 30 };

function path(points: CurvePoint[], capacity: number): string {
  const x = (time: string) => {
    const [h, m] = time.split(':').map(Number) as [number, number];
    return pad.left + ((h + m / 60) / 24) * (width - pad.left - pad.right);
  };
  const y = (free: number) => pad.top + (1 - free / Math.max(1, capacity)) * (height - pad.top - pad.bottom);
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.time).toFixed(1)},${y(p.free).toFixed(1)}`).join(' ');
}

/**
 * Occupancy today against a typical day of the same type: an SVG drawn on the server (no script needed), named
 * by its caption, and the same figures as a table for screen readers and anyone who prefers numbers.
 */
export function DayChart({ ctx, curves, capacity }: { ctx: PageContext; curves: DayCurves; capacity: number }) {
  const { t } = ctx.i18n;
  const typical = new Map(curves.typical.map((p) => [p.time, p.free]));
  const today = new Map(curves.today.map((p) => [p.time, p.free]));
  const times = [...new Set([...typical.keys(), ...today.keys()])].sort();
  const occupied = (free: number | undefined) => (free === undefined ? undefined : Math.max(0, capacity - free));
  // The chart shows occupied spaces: higher means fuller, as people read parking charts.
  const asOccupied = (points: CurvePoint[]) => points.map((p) => ({ time: p.time, free: capacity - p.free }));
  return (
    <figure class="bs-parking-chart">
      <figcaption class="kern-body" id="chart-caption">
        {t('parking.chart.caption')}
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="chart-caption" class="bs-parking-chart__svg">
        <title>{t('parking.chart.caption')}</title>
        {[0, 0.5, 1].map((f) => {
          const y = pad.top + (1 - f) * (height - pad.top - pad.bottom);
          return (
            <g key={f}>
              <line x1={pad.left} x2={width - pad.right} y1={y} y2={y} class="bs-parking-chart__grid" />
              <text x={pad.left - 6} y={y + 4} text-anchor="end" class="bs-parking-chart__label">
                {`${Math.round(f * 100)} %`}
              </text>
            </g>
          );
        })}
        {[0, 6, 12, 18, 24].map((h) => (
          <text
            key={h}
            x={pad.left + (h / 24) * (width - pad.left - pad.right)}
            y={height - 8}
            text-anchor="middle"
            class="bs-parking-chart__label"
          >
            {`${h}:00`}
          </text>
        ))}
        {curves.typical.length > 0 && (
          <path d={path(asOccupied(curves.typical), capacity)} class="bs-parking-chart__typical" />
        )}
        {curves.today.length > 0 && (
          <path d={path(asOccupied(curves.today), capacity)} class="bs-parking-chart__today" />
        )}
      </svg>
      <ul class="bs-parking-chart__legend kern-body">
        <li class="bs-parking-chart__key--today">{t('parking.chart.today')}</li>
        <li class="bs-parking-chart__key--typical">{t('parking.chart.typical')}</li>
      </ul>
      <details class="bs-parking-chart__table">
        <summary class="kern-body">{t('parking.chart.asTable')}</summary>
        <section class="bs-table-scroll" tabindex={0} aria-label={t('parking.chart.tableCaption')}>
          <table class="kern-table kern-table--small">
            <caption class="kern-title">{t('parking.chart.tableCaption')}</caption>
            <thead class="kern-table__head">
              <tr class="kern-table__row">
                <th scope="col" class="kern-table__header">
                  {t('parking.chart.time')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('parking.chart.todayOccupied')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('parking.chart.typicalOccupied')}
                </th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {times.map((time) => {
                const a = occupied(today.get(time));
                const b = occupied(typical.get(time));
                return (
                  <tr class="kern-table__row" key={time}>
                    <th scope="row" class="kern-table__header">
                      {time}
                    </th>
                    <td class="kern-table__cell">{a === undefined ? '–' : ctx.i18n.number(a)}</td>
                    <td class="kern-table__cell">{b === undefined ? '–' : ctx.i18n.number(b)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      </details>
    </figure>
  );
}
