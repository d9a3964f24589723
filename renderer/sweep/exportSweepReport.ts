// Saves the finished sweep as a report: the panel's four charts drawn again off screen by uPlot in
// the light theme at 2× (a report is a white page), the design as SVG, the sections from
// ./sweepReport.ts, one self-contained HTML file through the desktop API (a download in the browser).
import uPlot from 'uplot';
import { fileNameForTitle } from '../../shared/platform/desktopApi';
import { getDesktopApi } from '../platform/getDesktopApi';
import { useUiStore } from '../store/uiStore';
import { canvasThemes } from '../ui/themeColors';
import { chartTheme } from '../dock/chartTheme';
import { designSvg, svgDataUrl } from '../canvas/exportSvg';
import { buildReportHtml } from '../report/reportHtml';
import type { ReportImage } from '../report/runReport';
import { sweepChartData, sweepChartOptions, type SweepChartSpec } from './SweepChart';
import { sweepChartSet } from './sweepCharts';
import { buildSweepReport } from './sweepReport';
import { useSweepStore } from './sweepStore';

const CHART_WIDTH = 900;
const CHART_HEIGHT = 260;
const OUTPUT_SCALE = 2;
const DESIGN_IMAGE_MAX_WIDTH = 944;

/** One chart drawn off screen and read back as a PNG data URL (nothing left in the page). */
async function chartImage(x: number[], spec: SweepChartSpec): Promise<ReportImage | null> {
  if (x.length === 0) return null;
  const k = OUTPUT_SCALE / (window.devicePixelRatio || 1);
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  Object.assign(host.style, { position: 'fixed', left: '-100000px', top: '0', pointerEvents: 'none' });
  document.body.append(host);
  const font = spec.theme.font.replace(/(\d+(?:\.\d+)?)px/, (_match, size) => `${Number(size) * k}px`);
  const chart = new uPlot(
    sweepChartOptions(
      spec,
      { width: Math.round(CHART_WIDTH * k), height: Math.round(CHART_HEIGHT * k) },
      { scale: k, font },
    ),
    sweepChartData(x, spec.lines),
    host,
  );
  try {
    // uPlot commits its first draw in a microtask.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { src: chart.ctx.canvas.toDataURL('image/png'), width: CHART_WIDTH, height: CHART_HEIGHT };
  } finally {
    chart.destroy();
    host.remove();
  }
}

/** The finished sweep as one HTML document, or why there is none. */
export async function sweepReportHtml(): Promise<{ html: string } | { refused: string }> {
  const { status, result, spec, design } = useSweepStore.getState();
  if (status !== 'done' || !result || !spec || !design)
    return { refused: 'Let the sweep finish first: a report is about a whole sweep.' };
  const label = (id: string) => design.nodes.find((node) => node.id === id)?.label || id;
  const charts = [];
  for (const { title, x, spec: chart } of sweepChartSet(result, label, chartTheme('light'), true))
    charts.push({
      title: `${title}: ${chart.lines.map((line) => line.label).join(', ')}`,
      image: await chartImage(x, chart),
    });
  const picture = designSvg(design, { background: 'themed', theme: canvasThemes.light });
  const scale = picture ? Math.min(1, DESIGN_IMAGE_MAX_WIDTH / picture.width) : 1;
  const info = await getDesktopApi().appInfo();
  const report = buildSweepReport({
    design,
    spec,
    result,
    charts,
    designImage: picture
      ? {
          src: svgDataUrl(picture.svg),
          width: Math.round(picture.width * scale),
          height: Math.round(picture.height * scale),
        }
      : null,
    generatedAt: new Date(),
    appVersion: info.version,
  });
  return { html: buildReportHtml(report) };
}

/** Builds and saves the sweep report; says what happened. */
export async function exportSweepReport(): Promise<boolean> {
  const notice = useUiStore.getState().showNotice;
  const built = await sweepReportHtml().catch((error: Error) => ({
    refused: `The report could not be built: ${error.message}`,
  }));
  if ('refused' in built) {
    notice({ text: built.refused, tone: 'warning' });
    return false;
  }
  const title = useSweepStore.getState().design?.meta.title ?? 'Sweep';
  const name = `${fileNameForTitle(title).replace(/\.bpd$/, '')} — sweep report.html`;
  const saved = await getDesktopApi().exportFile('html', built.html, name);
  if (saved.status === 'failed') {
    notice({ text: `Export failed: ${saved.message}`, tone: 'error' });
    return false;
  }
  if (saved.status !== 'saved') return false;
  notice({ text: `Sweep report saved: ${saved.file.name}`, tone: 'info' });
  return true;
}
