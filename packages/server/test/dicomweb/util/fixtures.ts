import { readdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { sharedData } from '../../../../core/test/util/shared.ts';
import { buildMultipart, BOUNDARY } from './multipart.ts';

/** The Philips CT series of dcm_qa_ct: 28 images (I10…I280) beside a DICOMDIR (DIRFILE). */
export const PHILIPS_CT_DIR = sharedData('dcm_qa_ct', 'In', 'Philips', 'S21570', 'S2010');
/** pydicom's 64×64 MR test image and its variants (all with the same SOP Instance UID). */
export const PYDICOM_DIR = sharedData('pydicom', 'src', 'pydicom', 'data', 'test_files');

export function philipsCtImages(): Array<{ name: string; bytes: Buffer }> {
  return readdirSync(PHILIPS_CT_DIR)
    .filter((name) => /^I\d+$/.test(name))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(`${PHILIPS_CT_DIR}/${name}`) }));
}

export function pydicomFile(name: string): Buffer {
  return readFileSync(`${PYDICOM_DIR}/${name}`);
}

export const MULTIPART_DICOM = `multipart/related; type="application/dicom"; boundary=${BOUNDARY}`;

/** POST /dicom-web/studies[/{study}] with one part per file. */
export function stow(app: FastifyInstance, files: Uint8Array[], study?: string) {
  return app.inject({
    method: 'POST',
    url: `/dicom-web/studies${study ? `/${study}` : ''}`,
    headers: { 'content-type': MULTIPART_DICOM, accept: 'application/dicom+json' },
    payload: buildMultipart(files),
  });
}

/** The value of one DICOM JSON element, e.g. `value(item, '00081155')`. */
export function value(object: Record<string, { Value?: unknown[] }> | undefined, tag: string): unknown {
  return object?.[tag]?.Value?.[0];
}
