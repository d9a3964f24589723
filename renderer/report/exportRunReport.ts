// The run report in the app: gathers the loaded run's data (run totals, explanation and history
// from the run client and store, the design's SVG, the charts drawn to images), builds the report
// (./runReport.ts → ./reportHtml.ts) and hands it to the platform: an HTML file (a download in the
// browser), or a PDF printed by the desktop app. The browser build says PDF needs the desktop app.
import type { CliJson } from '../../shared/engine/index';
import { fileNameForTitle } from '../../shared/platform/desktopApi';
import { PDF_NEEDS_DESKTOP } from '../../shared/platform/exportFormats';
import { getDesktopApi } from '../platform/getDesktopApi';
import { useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { useRunStore } from '../run/runStore';
import { runClient } from '../run/runClient';
import { canvasThemes } from '../ui/themeColors';
import { designSvg, svgDataUrl } from '../canvas/exportSvg';
import type { Design } from '../../shared/document/types';
import { dockNodesOf, type SeriesContext } from '../dock/series';
import { renderChartImages } from './chartImages';
import { buildRunReport, type ReportImage } from './runReport';
import { buildReportHtml } from './reportHtml';

/** The report shows the design at most this wide (CSS px); a larger one scales down. */
const DESIGN_IMAGE_MAX_WIDTH = 944;

/** Is there a run to report on (Run, Step or a chaos action started one for this document)? */
export function hasRunToReport(): boolean {
  const run = useRunStore.getState();
  return run.loaded || run.history.count > 0;
}

function designImage(): ReportImage | null {
  const picture = designSvg(useDesignStore.getState().design, {
    background: 'themed',
    theme: canvasThemes.light,
  });
  if (!picture) return null;
  const scale = Math.min(1, DESIGN_IMAGE_MAX_WIDTH / picture.width);
  return {
    src: svgDataUrl(picture.svg),
    width: Math.round(picture.width * scale),
    height: Math.round(picture.height * scale),
  };
}

/** The charts' view of a design in a report: every node, none selected (the design-wide lines). */
export function reportSeriesContext(design: Design): SeriesContext {
  return {
    nodes: dockNodesOf(design),
    selectedNodeIds: [],
    slo: design.slo,
  };
}

/** The loaded run as one self-contained HTML document, or why there is none. */
export async function runReportHtml(): Promise<{ html: string } | { refused: string }> {
  if (!hasRunToReport()) return { refused: 'Run the design first: a report is about a run.' };
  const [results, slowest, info] = await Promise.all([
    runClient.results() as Promise<CliJson | null>,
    runClient.explainSlowest(null).catch(() => null),
    getDesktopApi().appInfo(),
  ]);
  if (!results) return { refused: 'Run the design first: a report is about a run.' };
  const { design } = useDesignStore.getState();
  const run = useRunStore.getState();
  const charts = await renderChartImages(run.history, reportSeriesContext(design));
  const report = buildRunReport({
    design,
    results,
    latest: run.latest,
    slowest,
    charts,
    designImage: designImage(),
    run: { status: run.status, durationS: run.durationS, warmupS: run.warmupS, seed: run.seed },
    generatedAt: new Date(),
    appVersion: info.version,
  });
  return { html: buildReportHtml(report) };
}

/** "Checkout v2 — run report" (the design's file name without .bpd). */
export function reportFileBase(title: string): string {
  return `${fileNameForTitle(title).replace(/\.bpd$/, '')} — run report`;
}

/** Builds a report and saves it as HTML or (desktop) PDF under `base` + extension; says what
 *  happened, naming the report ("Run report", "Interview debrief"). */
export async function saveReport(
  format: 'html' | 'pdf',
  what: string,
  base: string,
  build: () => Promise<{ html: string } | { refused: string }>,
): Promise<boolean> {
  const api = getDesktopApi();
  const notice = useUiStore.getState().showNotice;
  if (format === 'pdf' && api.platform !== 'electron') {
    notice({ text: PDF_NEEDS_DESKTOP, tone: 'warning' });
    return false;
  }
  notice({ text: `Building the ${what.toLowerCase()}…`, tone: 'info' });
  let built: { html: string } | { refused: string };
  try {
    built = await build();
  } catch (error) {
    notice({ text: `The report could not be built: ${(error as Error).message}`, tone: 'error' });
    return false;
  }
  if ('refused' in built) {
    notice({ text: built.refused, tone: 'warning' });
    return false;
  }
  const saved =
    format === 'pdf'
      ? await api.exportPdf(built.html, `${base}.pdf`)
      : await api.exportFile('html', built.html, `${base}.html`);
  if (saved.status === 'failed') {
    notice({ text: `Export failed: ${saved.message}`, tone: 'error' });
    return false;
  }
  if (saved.status !== 'saved') {
    notice(null);
    return false;
  }
  notice({ text: `${what} saved: ${saved.file.name}`, tone: 'info' });
  return true;
}

/** Builds the run report and saves it as HTML or (desktop) PDF; says what happened. */
export function exportRunReport(format: 'html' | 'pdf'): Promise<boolean> {
  const base = reportFileBase(useDesignStore.getState().design.meta.title);
  return saveReport(format, 'Run report', base, runReportHtml);
}
