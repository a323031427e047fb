/** The `(GGGG,EEEE)` form of a dicom-parser tag key such as `x7fe00010`, for error messages. */
export function tagLabel(key: string): string {
  return `(${key.slice(1, 5).toUpperCase()},${key.slice(5, 9).toUpperCase()})`;
}
