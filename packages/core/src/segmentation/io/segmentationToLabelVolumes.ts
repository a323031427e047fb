import { createVolume, type Volume } from '../../volume/Volume.ts';
import type { Segmentation } from '../Segmentation.ts';
import { LABEL_TABLE_FORMAT, type LabelTable } from './LabelTable.ts';

/**
 * A segmentation as label volumes (uint8, units 'label', one per layer that holds a segment; their
 * voxels are the layers themselves, not copies) and the label table that names their values.
 * Layers without segments are left out, so table layer n is volume n.
 *
 * @example const { volumes, table } = segmentationToLabelVolumes(seg); writeNifti(volumes[0]);
 */
export function segmentationToLabelVolumes(s: Segmentation): { volumes: Volume[]; table: LabelTable } {
  const used = [...new Set(s.segments.map((g) => g.layer))].sort((a, b) => a - b);
  const volumeOfLayer = new Map(used.map((layer, n) => [layer, n]));
  const volumes = used.map((layer) => createVolume({
    dimensions: s.dimensions,
    voxels: s.layers[layer],
    indexToWorld: s.indexToWorld.slice(),
    units: 'label',
    meta: { seriesDescription: s.label, frameOfReferenceUid: s.frameOfReferenceUid },
  }));
  const table: LabelTable = {
    format: LABEL_TABLE_FORMAT,
    version: 1,
    label: s.label,
    ...(s.frameOfReferenceUid ? { frameOfReferenceUid: s.frameOfReferenceUid } : {}),
    ...(s.referencedSeriesUid ? { referencedSeriesUid: s.referencedSeriesUid } : {}),
    segments: [...s.segments].sort((a, b) => a.number - b.number).map((g) => ({
      segmentNumber: g.number,
      layer: volumeOfLayer.get(g.layer)!,
      value: g.value,
      label: g.label,
      ...(g.description ? { description: g.description } : {}),
      color: [...g.color],
      category: { ...g.category },
      type: { ...g.type },
      ...(g.typeModifier ? { typeModifier: { ...g.typeModifier } } : {}),
      ...(g.anatomicRegion ? { anatomicRegion: { ...g.anatomicRegion } } : {}),
      algorithmType: g.algorithmType,
      ...(g.algorithmName ? { algorithmName: g.algorithmName } : {}),
      ...(g.algorithmVersion ? { algorithmVersion: g.algorithmVersion } : {}),
      review: { ...g.review },
    })),
  };
  return { volumes, table };
}
