/**
 * Tumour-response reports: a `ResponseReport` (input, evaluation, best response, key images)
 * rendered as one self-contained, print-ready HTML document with inline SVG charts, or as CSV;
 * a cohort of them as a waterfall page; key images of lesions rendered as PNG. Pure: no DOM, no I/O.
 */
export type * from './ResponseReport.ts';
export { renderResponseReportHtml } from './renderResponseReportHtml.ts';
export { responseReportCsv, RESPONSE_CSV_COLUMNS } from './responseReportCsv.ts';
export { reportMeasure, type ReportMeasure } from './reportMeasure.ts';
export { reportTimeline, type ReportTimePoint } from './reportTimeline.ts';
export { sumChartSvg } from './sumChartSvg.ts';
export { lesionChanges, spiderChartSvg, type LesionChangeSeries } from './spiderChartSvg.ts';
export { escapeHtml } from './escapeHtml.ts';
export { keyImageGalleryHtml } from './keyImageGalleryHtml.ts';
export {
  KEY_IMAGE_COLOURS, KEY_IMAGE_DEFAULTS, renderLesionKeyImage,
  type KeyImageLesion, type LesionKeyImage, type LesionKeyImageOptions,
} from './renderLesionKeyImage.ts';
export { acquisitionPlane, type AcquisitionPlane } from './acquisitionPlane.ts';
export { cohortRows, type CohortRow } from './cohortRows.ts';
export { WATERFALL_DEFAULTS, WATERFALL_FRAME, waterfallChartSvg, waterfallColour, type WaterfallBar, type WaterfallOptions } from './waterfallChartSvg.ts';
export { renderCohortReportHtml, type CohortReportOptions } from './renderCohortReportHtml.ts';
export { cohortReportCsv, COHORT_CSV_COLUMNS } from './cohortReportCsv.ts';
