// A metric of both runs against simulated time — A solid, B dashed (and a colour each) — with the
// shared cursor drawn as a vertical line; pressing or dragging on the plot moves the cursor for
// both designs at once.
import { useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { chartAxis, seriesColour, type ChartTheme } from '../dock/chartTheme';

export function CompareTimeline({
  title,
  testId,
  tS,
  a,
  b,
  cursorS,
  theme,
  format,
  onScrub,
}: {
  title: string;
  testId: string;
  tS: number[];
  a: (number | null)[];
  b: (number | null)[];
  cursorS: number | null;
  theme: ChartTheme;
  format: (value: number | null) => string;
  onScrub: (tS: number) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const cursorRef = useRef(cursorS);
  const scrubRef = useRef(onScrub);
  useEffect(() => {
    scrubRef.current = onScrub;
  }, [onScrub]);

  useLayoutEffect(() => {
    const element = host.current;
    if (!element || tS.length === 0) return;
    const axis = chartAxis(theme);
    const cursorLine: uPlot.Plugin = {
      hooks: {
        draw: (u) => {
          const at = cursorRef.current;
          if (at === null) return;
          const x = Math.round(u.valToPos(at, 'x', true));
          u.ctx.save();
          u.ctx.strokeStyle = theme.cursor;
          u.ctx.lineWidth = 2 * devicePixelRatio;
          u.ctx.beginPath();
          u.ctx.moveTo(x, u.bbox.top);
          u.ctx.lineTo(x, u.bbox.top + u.bbox.height);
          u.ctx.stroke();
          u.ctx.restore();
        },
      },
    };
    const largest = Math.max(0, ...[...a, ...b].filter((v): v is number => v !== null && Number.isFinite(v)));
    const chart = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height: Math.max(100, element.clientHeight),
        legend: { show: false },
        cursor: { y: false, points: { show: false }, drag: { x: false, y: false, setScale: false } },
        scales: { x: { time: false }, y: { range: () => [0, largest > 0 ? largest * 1.12 : 1] } },
        axes: [
          { ...axis, size: 26, values: (_u, ticks) => ticks.map((tick) => `${tick} s`) },
          { ...axis, size: 56, space: 18, values: (_u, ticks) => ticks.map((tick) => format(tick)) },
        ],
        series: [
          {},
          { label: 'A', stroke: seriesColour(theme, 0), width: 2, points: { show: false }, spanGaps: false },
          {
            label: 'B',
            stroke: seriesColour(theme, 1),
            width: 2,
            dash: [8, 4],
            points: { show: false },
            spanGaps: false,
          },
        ],
        plugins: [cursorLine],
      },
      [tS, a.map(nanToNull), b.map(nanToNull)] as uPlot.AlignedData,
      element,
    );
    chartRef.current = chart;
    const scrubAt = (event: PointerEvent) => {
      const rect = chart.over.getBoundingClientRect();
      scrubRef.current(Math.round(chart.posToVal(event.clientX - rect.left, 'x')));
    };
    const onDown = (event: PointerEvent) => {
      chart.over.setPointerCapture(event.pointerId);
      scrubAt(event);
    };
    const onMove = (event: PointerEvent) => {
      if (chart.over.hasPointerCapture(event.pointerId)) scrubAt(event);
    };
    chart.over.addEventListener('pointerdown', onDown);
    chart.over.addEventListener('pointermove', onMove);
    const resize = new ResizeObserver(() =>
      chart.setSize({
        width: Math.max(200, element.clientWidth),
        height: Math.max(100, element.clientHeight),
      }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      chartRef.current = null;
    };
  }, [tS, a, b, theme, format]);

  useEffect(() => {
    cursorRef.current = cursorS;
    chartRef.current?.redraw(false, false);
  }, [cursorS]);

  return (
    <figure className="compare-chart" data-testid={testId} data-points={tS.length}>
      <figcaption>
        <span className="compare-chart-title">{title}</span>
        <span className="compare-legend">
          <span style={{ color: seriesColour(theme, 0) }}>━ A</span>
          <span style={{ color: seriesColour(theme, 1) }}>╍ B</span>
        </span>
      </figcaption>
      <div className="compare-plot" ref={host} />
    </figure>
  );
}

const nanToNull = (value: number | null) => (value === null || Number.isNaN(value) ? null : value);
