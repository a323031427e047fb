import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { frameBytes, type CodecRegistry } from '@voxa/core';
import type { InstanceStore } from '../store/InstanceStore.ts';
import { encodePng } from './encodePng.ts';
import { HttpError } from './errors.ts';
import { decode } from './frameRoutes.ts';
import { negotiate, parseAccept } from './mediaType.ts';
import { frameIndices, openImage, type StoredImage } from './part10.ts';
import { fitWithin, renderFrame, type VoiFunction, type VoiWindow } from './renderFrame.ts';
import { ERROR_RESPONSES, FRAMES_PARAMS, INSTANCE_PARAMS, SERIES_PARAMS, type InstanceParams } from './routeSchemas.ts';
import { loadInstance } from './wadoRoutes.ts';

/** Options of {@link renderedRoutes}. */
export interface RenderedRoutesOptions {
  store: InstanceStore;
  codecs: CodecRegistry;
  /** Largest side of a thumbnail in pixels. */
  thumbnailSize: number;
}

/** Rendering parameters of PS3.18 §8.3.5.1; quality, annotation and iccprofile are accepted and ignored. */
const RENDER_QUERY = {
  type: 'object',
  properties: {
    window: { type: 'string', maxLength: 128 },
    viewport: { type: 'string', maxLength: 128 },
    quality: { type: 'string', maxLength: 16 },
    annotation: { type: 'string', maxLength: 128 },
    iccprofile: { type: 'string', maxLength: 32 },
  },
  additionalProperties: false,
} as const;

interface RenderQuery {
  window?: string;
  viewport?: string;
}

type Params = InstanceParams & { frames?: string };

const VOI_FUNCTIONS: Record<string, VoiFunction> = { linear: 'LINEAR', 'linear-exact': 'LINEAR_EXACT', sigmoid: 'SIGMOID' };

/**
 * Rendered resources (PS3.18 §10.4.1.1.3) and thumbnails (§10.4.1.1.4) of one frame as PNG:
 * `…/instances/{instance}/rendered`, `…/frames/{n}/rendered` and the same with `thumbnail`.
 * The instance's rendered resource is its first frame. A series' thumbnail is its middle instance's
 * (by Instance Number), as a study browser shows it. Windowing from `window=center,width[,function]`
 * or the file's Window Center/Width (0028,1050/1051) and VOI LUT Function, else the frame's range.
 */
export async function renderedRoutes(app: FastifyInstance, options: RenderedRoutesOptions): Promise<void> {
  const { store, codecs, thumbnailSize } = options;
  const base = '/studies/:study/series/:series/instances/:instance';
  const response = { 200: { type: 'string' }, ...ERROR_RESPONSES };
  const instanceSchema = { params: INSTANCE_PARAMS, querystring: RENDER_QUERY, response };
  const framesSchema = { params: FRAMES_PARAMS, querystring: RENDER_QUERY, response };

  const seriesSchema = { params: SERIES_PARAMS, querystring: RENDER_QUERY, response };

  const render = (thumbnail: boolean) => async (request: FastifyRequest<{ Params: Params; Querystring: RenderQuery }>, reply: FastifyReply) => {
    if (!negotiate(parseAccept(request.headers.accept), ['image/png'])) {
      throw new HttpError('VOXA_HTTP_NOT_ACCEPTABLE', 'rendered images are sent as image/png');
    }
    const window = request.query.window === undefined ? undefined : parseWindow(request.query.window);
    const viewport = request.query.viewport === undefined ? undefined : parseViewport(request.query.viewport);
    const bytes = await loadInstance(store, request.params);
    const image = openImage(bytes);
    const indices = request.params.frames ? frameIndices(request.params.frames, image.desc.numberOfFrames ?? 1) : [0];
    if (indices.length !== 1) throw new HttpError('VOXA_HTTP_BAD_FRAME_LIST', 'a rendered frame resource names one frame');
    let out = await renderStored(image, indices[0], codecs, window);
    if (viewport) out = fitWithin(out, viewport[0], viewport[1]);
    if (thumbnail) out = fitWithin(out, thumbnailSize, thumbnailSize);
    return reply.code(200).type('image/png').send(encodePng(out));
  };

  app.get(`${base}/rendered`, { schema: instanceSchema }, render(false));
  app.get(`${base}/frames/:frames/rendered`, { schema: framesSchema }, render(false));
  app.get(`${base}/thumbnail`, { schema: instanceSchema }, render(true));
  app.get(`${base}/frames/:frames/thumbnail`, { schema: framesSchema }, render(true));
  app.get('/studies/:study/series/:series/thumbnail', { schema: seriesSchema }, async (request: FastifyRequest<{ Params: Params; Querystring: RenderQuery }>, reply) => {
    const { study, series } = request.params;
    const rows = store.search('instance', { match: {}, studyInstanceUid: study, seriesInstanceUid: series });
    if (rows.length === 0) throw new HttpError('VOXA_HTTP_NOT_FOUND', `series ${series} of study ${study}`);
    rows.sort((a, b) => Number(a.InstanceNumber ?? 0) - Number(b.InstanceNumber ?? 0));
    request.params.instance = String(rows[Math.floor((rows.length - 1) / 2)].SOPInstanceUID);
    return render(true)(request, reply);
  });
}

async function renderStored(image: StoredImage, index: number, codecs: CodecRegistry, window: VoiWindow | undefined) {
  const { dataSet } = image.parsed;
  const frame = await decode(frameBytes(dataSet, index, image.desc), image, codecs);
  const slope = dataSet.floatString('x00281053') ?? 1;
  const intercept = dataSet.floatString('x00281052') ?? 0;
  return renderFrame(frame, image.desc, { slope: slope || 1, intercept }, { window: window ?? fileWindow(image) });
}

/** The first Window Center/Width pair of the file (PS3.3 C.11.2), if valid. */
function fileWindow(image: StoredImage): VoiWindow | undefined {
  const { dataSet } = image.parsed;
  const center = dataSet.floatString('x00281050', 0);
  const width = dataSet.floatString('x00281051', 0);
  if (center === undefined || width === undefined || !Number.isFinite(center) || !(width > 0)) return undefined;
  const fn = (dataSet.string('x00281056') ?? 'LINEAR').trim().toUpperCase();
  return { center, width, fn: fn === 'SIGMOID' || fn === 'LINEAR_EXACT' ? fn : 'LINEAR' };
}

/** `window=center,width[,function]` (PS3.18 §8.3.5.1.4). */
function parseWindow(text: string): VoiWindow {
  const [c, w, f = 'linear', extra] = text.split(',');
  const center = Number(c);
  const width = Number(w);
  const fn = VOI_FUNCTIONS[f.trim().toLowerCase()];
  if (extra !== undefined || c.trim() === '' || !Number.isFinite(center) || !(width > 0) || !fn) throw new HttpError('VOXA_HTTP_BAD_WINDOW', `"${text}"`);
  return { center, width, fn };
}

/** `viewport=width,height` in pixels (PS3.18 §8.3.5.1.3; the source-region form is not supported). */
function parseViewport(text: string): [number, number] {
  const parts = text.split(',').map(Number);
  if (parts.length !== 2 || !parts.every((n) => Number.isInteger(n) && n > 0 && n <= 65535)) {
    throw new HttpError('VOXA_HTTP_BAD_QUERY', `viewport must be width,height in pixels, got "${text}"`);
  }
  return [parts[0], parts[1]];
}
