// Saves the finished comparison as a report (./compareReport.ts): both designs drawn as SVG in the
// light theme, one self-contained HTML file through the desktop API (a download in the browser).
import type { Design } from '../../shared/document/types';
import { fileNameForTitle } from '../../shared/platform/desktopApi';
import { getDesktopApi } from '../platform/getDesktopApi';
import { useUiStore } from '../store/uiStore';
import { canvasThemes } from '../ui/themeColors';
import { designSvg, svgDataUrl } from '../canvas/exportSvg';
import { buildReportHtml } from '../report/reportHtml';
import type { ReportImage } from '../report/runReport';
import { buildCompareReport } from './compareReport';
import { renderCompareTimelineImages } from '../report/chartImages';
import { useCompareStore } from './compareStore';

/** Each design is shown at most this wide (CSS px). */
const PICTURE_MAX_WIDTH = 944;

function picture(design: Design): ReportImage | null {
  const drawn = designSvg(design, { background: 'themed', theme: canvasThemes.light });
  if (!drawn) return null;
  const scale = Math.min(1, PICTURE_MAX_WIDTH / drawn.width);
  return {
    src: svgDataUrl(drawn.svg),
    width: Math.round(drawn.width * scale),
    height: Math.round(drawn.height * scale),
  };
}

export async function exportCompareReport(): Promise<boolean> {
  const notice = useUiStore.getState().showNotice;
  const { status, result, designs, timelines } = useCompareStore.getState();
  if (status !== 'done' || !result || !designs) {
    notice({
      text: 'Let the comparison finish first: a report is about a whole comparison.',
      tone: 'warning',
    });
    return false;
  }
  const info = await getDesktopApi().appInfo();
  const html = buildReportHtml(
    buildCompareReport({
      a: designs.a,
      b: designs.b,
      result,
      pictures: { a: picture(designs.a), b: picture(designs.b) },
      timelines:
        timelines.a && timelines.b ? await renderCompareTimelineImages(timelines.a, timelines.b) : [],
      generatedAt: new Date(),
      appVersion: info.version,
    }),
  );
  const name = `${fileNameForTitle(designs.b.meta.title).replace(/\.bpd$/, '')} — compare report.html`;
  const saved = await getDesktopApi().exportFile('html', html, name);
  if (saved.status === 'failed') {
    notice({ text: `Export failed: ${saved.message}`, tone: 'error' });
    return false;
  }
  if (saved.status !== 'saved') return false;
  notice({ text: `Compare report saved: ${saved.file.name}`, tone: 'info' });
  return true;
}
