/** A named window (centre/width in the volume's units). */
export interface WindowPreset {
  name: string;
  center: number;
  width: number;
}

/** Per-modality presets, the usual reading windows. */
export const WINDOW_PRESETS: Readonly<Record<string, WindowPreset[]>> = {
  CT: [
    { name: 'Soft tissue', center: 40, width: 400 },
    { name: 'Lung', center: -600, width: 1500 },
    { name: 'Bone', center: 400, width: 1800 },
    { name: 'Brain', center: 40, width: 80 },
    { name: 'Liver', center: 60, width: 160 },
    { name: 'Mediastinum', center: 50, width: 350 },
    { name: 'Angio', center: 300, width: 600 },
  ],
  PT: [
    { name: 'SUV 0–5', center: 2.5, width: 5 },
    { name: 'SUV 0–10', center: 5, width: 10 },
  ],
};

/** The window a series opens with: its own (from the file), else the modality's first preset, else its range. */
export function initialWindow(modality: string, fileWindow?: { center: number; width: number }): { center: number; width: number } {
  if (fileWindow && fileWindow.width > 0) return { ...fileWindow };
  const presets = WINDOW_PRESETS[modality];
  if (presets) return { center: presets[0].center, width: presets[0].width };
  return { center: 500, width: 1000 };
}
