import type { SliceRef } from '../dicom/InstanceInfo.ts';
import { dot } from '../math/Vec3.ts';
import type { IngestWarning } from '../volume/IngestWarning.ts';

/** A set of slices that can form one stack: same series, size, orientation and echo. */
export interface SliceGroup {
  key: string;
  seriesInstanceUid: string;
  slices: SliceRef[];
  localizer: boolean;
}

/**
 * Split slices into stackable groups. A series holding several orientations (compared by angle,
 * not by rounded numbers), image sizes, echoes, stacks or localizers becomes several groups, and
 * a warning says so (naming the files).
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
    const orientations: SliceRef[] = [];
    const sub = new Map<string, SliceRef[]>();
    for (const s of list) {
      const k = subKey(s, orientationIndex(s, orientations));
      let l = sub.get(k);
      if (!l) sub.set(k, (l = []));
      l.push(s);
    }
    const keys = [...sub.keys()];
    if (keys.length > 1) {
      const files = uniqueFiles(list);
      const parts = keys.map((k) => k.split('|'));
      const differ = (i: number) => new Set(parts.map((p) => p[i])).size > 1;
      if (differ(0)) warnings.push({ code: 'MIXED_IMAGE_SIZES', message: `Series ${series} mixes image sizes ${[...new Set(parts.map((p) => p[0]))].join(', ')}: split into separate volumes`, files });
      if (differ(1)) warnings.push({ code: 'MIXED_ORIENTATIONS', message: `Series ${series} mixes ${orientations.length} slice orientations: split into separate volumes`, files });
      const other = [[2, 'echoes'], [3, 'stacks'], [4, 'localizer and non-localizer images']] as const;
      for (const [i, what] of other) {
        if (differ(i)) warnings.push({ code: 'SERIES_SPLIT', message: `Series ${series} holds several ${what}: one volume each`, files });
      }
    }
    keys.forEach((k, n) => {
      const l = sub.get(k)!;
      groups.push({ key: keys.length > 1 ? `${series}#${n + 1}` : series, seriesInstanceUid: series, slices: l, localizer: isLocalizer(l) });
    });
  }
  return { groups, warnings };
}

/** Two orientations are the same within this cosine (≈ 0.8°): scanners and converters leave rounding noise. */
const SAME_ORIENTATION = 1 - 1e-4;

/** Index of the slice's orientation among those seen so far in its series (added when new). */
function orientationIndex(s: SliceRef, seen: SliceRef[]): number {
  let i = seen.findIndex((o) => dot(o.rowCosine, s.rowCosine) > SAME_ORIENTATION && dot(o.columnCosine, s.columnCosine) > SAME_ORIENTATION);
  if (i < 0) i = seen.push(s) - 1;
  return i;
}

function subKey(s: SliceRef, orientation: number): string {
  const localizer = s.instance.imageType.includes('LOCALIZER') ? 'L' : '';
  return `${s.columns}x${s.rows}|${orientation}|${s.instance.echoNumber ?? ''}|${s.stackId ?? ''}|${localizer}`;
}

function isLocalizer(l: SliceRef[]): boolean {
  return l.some((s) => s.instance.imageType.includes('LOCALIZER'));
}

/** The distinct files of a slice list, in order. */
export function uniqueFiles(l: SliceRef[]): string[] {
  return [...new Set(l.map((s) => s.instance.file))];
}
