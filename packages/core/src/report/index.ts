/**
 * Tumour-response reports: a `ResponseReport` (input, evaluation, best response) rendered as one
 * self-contained, print-ready HTML document with inline SVG charts, or as CSV. Pure: no DOM, no I/O.
 */
export type * from './ResponseReport.ts';
export { renderResponseReportHtml } from './renderResponseReportHtml.ts';
export { responseReportCsv, RESPONSE_CSV_COLUMNS } from './responseReportCsv.ts';
export { reportMeasure, type ReportMeasure } from './reportMeasure.ts';
export { reportTimeline, type ReportTimePoint } from './reportTimeline.ts';
export { sumChartSvg } from './sumChartSvg.ts';
export { lesionChanges, spiderChartSvg, type LesionChangeSeries } from './spiderChartSvg.ts';
export { escapeHtml } from './escapeHtml.ts';
