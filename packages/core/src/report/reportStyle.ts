/** The report's stylesheet: inline, print-friendly on A4, nothing loaded from elsewhere. */
export const REPORT_CSS = `
@page { size: A4; margin: 14mm 12mm 16mm; }
* { box-sizing: border-box; }
body { font: 9.5pt/1.35 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #111; margin: 0 auto; max-width: 186mm; padding: 6mm 0; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
h2 { font-size: 11.5pt; margin: 6mm 0 2mm; border-bottom: 0.4mm solid #333; padding-bottom: 1mm; }
h3 { font-size: 10pt; margin: 4mm 0 1.5mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm; }
thead { display: table-header-group; }
th, td { border: 0.2mm solid #999; padding: 0.8mm 1.6mm; text-align: left; vertical-align: top; }
th { background: #eee; font-weight: 600; }
td.date { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
dl.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 0.6mm 4mm; margin: 0 0 3mm; }
dl.facts dt { font-weight: 600; color: #444; }
dl.facts dd { margin: 0; }
.category { font-weight: 700; }
.cat-PD, .cat-iUPD, .cat-iCPD, .cat-PMD { color: #b00020; }
.cat-PR, .cat-CR, .cat-iPR, .cat-iCR, .cat-PMR, .cat-CMR { color: #00695c; }
.bor { border: 0.4mm solid #333; padding: 2mm 3mm; margin: 3mm 0; background: #f6f6f6; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm; }
.chart { width: 100%; height: auto; }
.chart text { font-size: 10px; fill: #222; }
.chart .title { font-size: 12px; font-weight: 600; }
.chart .tick { font-size: 9px; fill: #555; }
.chart .note { font-size: 9px; fill: #555; }
.chart .legend { font-size: 10px; }
.chart .grid { stroke: #e3e3e3; stroke-width: 0.6; }
.chart .axis { stroke: #333; stroke-width: 0.8; }
.chart .zero { stroke: #333; stroke-width: 0.8; }
.chart .threshold { stroke: #777; stroke-width: 0.9; stroke-dasharray: 4 3; fill: none; }
.chart .sum-line { stroke: #0072B2; stroke-width: 2; fill: none; }
.chart .spider-line { stroke-width: 1.6; fill: none; }
.chart circle.point { fill: #0072B2; }
.chart circle.baseline { fill: #fff; stroke: #0072B2; stroke-width: 2; }
.chart circle.nadir { fill: #D55E00; }
.chart .bar { stroke: #333; stroke-width: 0.4; }
.chart .patient { font-size: 9px; }
.chart .cap-mark { font-size: 8px; }
.waterfall { margin: 1mm 0; }
table.cohort tr { break-inside: avoid; page-break-inside: avoid; }
table.cohort .name, table.cohort .date { color: #555; }
table.cohort td:not(:first-child) { white-space: nowrap; }
section.time-point { break-inside: avoid; page-break-inside: avoid; }
p.note { margin: 0 0 1.5mm; color: #555; font-size: 8.5pt; }
table.key-images { table-layout: fixed; }
table.key-images th.lesion { width: 24mm; text-align: left; }
table.key-images th { text-align: center; }
table.key-images .organ { font-weight: 400; color: #444; }
table.key-images th .date { font-weight: 400; white-space: nowrap; }
table.key-images tr { break-inside: avoid; page-break-inside: avoid; }
table.key-images td { text-align: center; padding: 1mm; }
table.key-images td.key-image-empty { vertical-align: middle; color: #777; font-style: italic; }
figure.key-image { margin: 0; }
figure.key-image img { display: block; width: 100%; max-width: 62mm; height: auto; margin: 0 auto; }
figure.key-image figcaption { font-size: 7.5pt; color: #333; margin-top: 0.5mm; }
ol.why { margin: 1mm 0 2mm; padding-left: 5mm; }
ol.why .values { color: #555; font-size: 8.5pt; }
ol.why code { font-size: 8pt; color: #555; }
.issues li.error { color: #b00020; }
footer { margin-top: 6mm; font-size: 8pt; color: #555; border-top: 0.2mm solid #999; padding-top: 1.5mm; }
@media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } }
`;
