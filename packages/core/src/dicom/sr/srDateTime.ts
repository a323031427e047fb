import { VoxaError } from '../../errors/VoxaError.ts';

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** A local date as DICOM DA (YYYYMMDD, PS3.5 §6.2). */
export function dicomDate(d: Date): string {
  return `${pad(d.getFullYear(), 4)}${pad(d.getMonth() + 1, 2)}${pad(d.getDate(), 2)}`;
}

/** A local time as DICOM TM (HHMMSS, whole seconds). */
export function dicomTime(d: Date): string {
  return `${pad(d.getHours(), 2)}${pad(d.getMinutes(), 2)}${pad(d.getSeconds(), 2)}`;
}

/** A local date and time as DICOM DT (YYYYMMDDHHMMSS, no offset). */
export function dicomDateTime(d: Date): string {
  return dicomDate(d) + dicomTime(d);
}

/**
 * A local Date from DICOM DA and TM/DT parts ('20240108', '103000' or '103000.5'); fractions of
 * a second and a UTC offset suffix are ignored. Throws VOXA_ERR_DICOM_BAD_VALUE when not a date.
 */
export function parseDicomDateTime(date: string, time: string, where: { file?: string; tag: string }): Date {
  const d = /^(\d{4})(\d{2})(\d{2})$/.exec(date.trim());
  const t = /^(\d{2})(\d{2})?(\d{2})?/.exec(time.trim());
  if (!d) throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', where, `"${date}" is not a DICOM date (YYYYMMDD)`);
  return new Date(+d[1], +d[2] - 1, +d[3], t ? +t[1] : 0, t?.[2] ? +t[2] : 0, t?.[3] ? +t[3] : 0);
}
