import { VoxaError } from '../errors/VoxaError.ts';
import type { Lesion } from '../response/ResponseInput.ts';
import { escapeHtml } from './escapeHtml.ts';
import { describeObservation, formatReportNumber } from './reportFormat.ts';
import type { ReportKeyImage, ResponseReport } from './ResponseReport.ts';

const DATA_URI_PREFIX = 'data:image/png;base64,';

/**
 * The report's key images as an HTML table: one row per lesion that has any (in the input's
 * order), one column per time point, each image with its window and axes under it and its full
 * caption as alt text and tooltip; where the lesion has no image the cell says how it was seen
 * ('not seen', 'not assessed', 'measured, no image' …). Rows do not break across printed pages.
 * '' without key images.
 */
export function keyImageGalleryHtml(report: ResponseReport): string {
  const images = report.keyImages ?? [];
  if (images.length === 0) return '';
  const { timePoints, lesions } = report.input;
  const byCell = new Map(images.map((k) => [cellKey(k.lesionId, k.timePointIndex), k]));
  const ids = [...new Set([...lesions.map((l) => l.id).filter((id) => images.some((k) => k.lesionId === id)), ...images.map((k) => k.lesionId)])];
  const rows = ids.map((id) => {
    const lesion = lesions.find((l) => l.id === id);
    const cells = timePoints.map((_, t) => {
      const image = byCell.get(cellKey(id, t));
      if (image) return `<td data-time-point="${t}">${figureHtml(image)}</td>`;
      const obs = lesion?.observations[t] ?? null;
      const seen = !lesion ? 'no image' : obs === null ? describeObservation(lesion, null) : `${describeObservation(lesion, obs)}, no image`;
      return `<td class="key-image-empty" data-time-point="${t}">${escapeHtml(seen)}</td>`;
    });
    return `<tr data-lesion="${escapeHtml(id)}"><th class="lesion">${lesionLabelHtml(id, lesion)}</th>${cells.join('')}</tr>`;
  });
  const head = timePoints.map((tp, t) => `<th>${t === 0 ? 'Baseline' : `Time point ${t}`}<br><span class="date">${escapeHtml(tp.dateIso)}</span></th>`).join('');
  return '<section class="key-images"><h2>Key images</h2>'
    + '<p class="note">Each lesion in its acquisition plane through the lesion centre: long axis orange, short axis blue, scale bar at the bottom right.</p>'
    + `<table class="key-images"><thead><tr><th class="lesion">Lesion</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function cellKey(lesionId: string, timePointIndex: number): string {
  return `${timePointIndex}\u0000${lesionId}`;
}

function lesionLabelHtml(id: string, lesion: Lesion | undefined): string {
  if (!lesion) return escapeHtml(id);
  return `${escapeHtml(id)}<br><span class="organ">${escapeHtml(lesion.organ)}${lesion.kind === 'target' ? '' : `, ${escapeHtml(lesion.kind)}`}</span>`;
}

function figureHtml(image: ReportKeyImage): string {
  const size = image.widthPx && image.heightPx ? ` width="${image.widthPx}" height="${image.heightPx}"` : '';
  const facts = [
    image.window ? `W${formatReportNumber(image.window.width)}/L${formatReportNumber(image.window.center)}` : '',
    image.longAxisMm !== undefined ? `long ${formatReportNumber(image.longAxisMm)} mm` : '',
    image.shortAxisMm !== undefined ? `short ${formatReportNumber(image.shortAxisMm)} mm` : '',
  ].filter(Boolean);
  const caption = escapeHtml(image.caption);
  return `<figure class="key-image"><img src="${pngDataUri(image)}"${size} alt="${caption}" title="${caption}">`
    + `<figcaption>${facts.length > 0 ? escapeHtml(facts.join(' · ')) : caption}</figcaption></figure>`;
}

/** The image's PNG as a data URI; anything but base64 is refused, so nothing else enters the page. */
function pngDataUri(image: ReportKeyImage): string {
  const base64 = image.png.startsWith(DATA_URI_PREFIX) ? image.png.slice(DATA_URI_PREFIX.length) : image.png;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `key image of lesion ${image.lesionId} at time point ${image.timePointIndex}: png must be base64 or a data:image/png;base64 URI`);
  }
  return DATA_URI_PREFIX + base64;
}
