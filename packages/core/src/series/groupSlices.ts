import type { SliceRef } from '../dicom/InstanceInfo.ts';
import type { IngestWarning } from '../volume/IngestWarning.ts';

/** A set of slices that can form one stack: same series, size, orientation and echo. */
export interface SliceGroup {
  key: string;
  seriesInstanceUid: string;
  slices: SliceRef[];
  localizer: boolean;
}

/**
 * Split slices into stackable groups. A series holding several orientations, image sizes or
 * echoes becomes several groups, and a warning says so (naming the files).
 */
export function groupSlices(slices: SliceRef[]): { groups: SliceGroup[]; warnings: IngestWarning[] } {
  const bySeries = new Map<string, SliceRef[]>();
  for (const s of slices) {
    const k = s.instance.seriesInstanceUid || `no-series-uid:${s.instance.file}`;
    let list = bySeries.get(k);
    if (!list) bySeries.set(k, (list = []));
    list.push(s);
  }
  const groups: SliceGroup[] = [];
  const warnings: IngestWarning[] = [];
  for (const [series, list] of bySeries) {
    const sub = new Map<string, SliceRef[]>();
    for (const s of list) {
      const k = subKey(s);
      let l = sub.get(k);
      if (!l) sub.set(k, (l = []));
      l.push(s);
    }
    const keys = [...sub.keys()];
    if (keys.length > 1) {
      const sizes = new Set(keys.map((k) => k.split('|')[0]));
      const oris = new Set(keys.map((k) => k.split('|')[1]));
      const files = uniqueFiles(list);
      if (sizes.size > 1) warnings.push({ code: 'MIXED_IMAGE_SIZES', message: `Series ${series} mixes image sizes ${[...sizes].join(', ')}: split into separate volumes`, files });
      if (oris.size > 1) warnings.push({ code: 'MIXED_ORIENTATIONS', message: `Series ${series} mixes ${oris.size} slice orientations: split into separate volumes`, files });
    }
    keys.forEach((k, n) => {
      const l = sub.get(k)!;
      groups.push({ key: keys.length > 1 ? `${series}#${n + 1}` : series, seriesInstanceUid: series, slices: l, localizer: isLocalizer(l) });
    });
  }
  return { groups, warnings };
}

function subKey(s: SliceRef): string {
  const o = [...s.rowCosine, ...s.columnCosine].map((x) => x.toFixed(3)).join(',');
  const localizer = s.instance.imageType.includes('LOCALIZER') ? 'L' : '';
  return `${s.columns}x${s.rows}|${o}|${s.instance.echoNumber ?? ''}|${s.stackId ?? ''}|${localizer}`;
}

function isLocalizer(l: SliceRef[]): boolean {
  return l.some((s) => s.instance.imageType.includes('LOCALIZER'));
}

/** The distinct files of a slice list, in order. */
export function uniqueFiles(l: SliceRef[]): string[] {
  return [...new Set(l.map((s) => s.instance.file))];
}
