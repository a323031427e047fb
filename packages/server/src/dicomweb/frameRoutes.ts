import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canDecodeTransferSyntax, decodeFrame, frameBytes, TS, type CodecRegistry, type DecodedFrame } from '@voxa/core';
import type { InstanceStore } from '../store/InstanceStore.ts';
import { HttpError } from './errors.ts';
import { mediaRangeMatches, parseAccept } from './mediaType.ts';
import { multipartContentType, multipartStream, newBoundary, type OutgoingPart } from './multipartWriter.ts';
import { frameIndices, openImage, type StoredImage } from './part10.ts';
import { ERROR_RESPONSES, FRAMES_PARAMS, type FramesParams } from './routeSchemas.ts';
import { loadInstance } from './wadoRoutes.ts';

/** Options of {@link frameRoutes}. */
export interface FrameRoutesOptions {
  store: InstanceStore;
  codecs: CodecRegistry;
}

/** Media types of compressed frames by transfer syntax (PS3.18 Table 8.7.3-5 / 8.7.4-1). */
export const FRAME_MEDIA_TYPES: Readonly<Record<string, string>> = {
  [TS.JPEGBaseline]: 'image/jpeg',
  [TS.JPEGExtended]: 'image/jpeg',
  [TS.JPEGLosslessP14]: 'image/jpeg',
  [TS.JPEGLosslessSV1]: 'image/jpeg',
  [TS.JPEGLSLossless]: 'image/jls',
  [TS.JPEGLSNearLossless]: 'image/jls',
  [TS.JPEG2000Lossless]: 'image/jp2',
  [TS.JPEG2000]: 'image/jp2',
  [TS.HTJ2KLossless]: 'image/jphc',
  [TS.HTJ2KLosslessRPCL]: 'image/jphc',
  [TS.HTJ2K]: 'image/jphc',
  [TS.RLELossless]: 'image/x-dicom-rle',
};

/** Transfer syntaxes whose frames are already native little endian once the data set is parsed. */
const NATIVE_LITTLE = new Set<string>([TS.ImplicitVRLittleEndian, TS.ExplicitVRLittleEndian, TS.DeflatedExplicitVRLittleEndian]);

/** How frames are sent: as stored (compressed, with their media type), or native little endian. */
type FrameEncoding = { kind: 'stored'; mediaType: string; transferSyntaxUid: string } | { kind: 'native' };

/**
 * WADO-RS frames (PS3.18 §10.4.1.1.6): `…/instances/{instance}/frames/{list}` as multipart/related.
 * Native pixel data goes out as stored (application/octet-stream); compressed frames go out as
 * stored with their media type (e.g. image/jp2) when the Accept header allows it (or as
 * application/octet-stream for `transfer-syntax=*`), otherwise decoded with @voxa/core to native
 * little endian (colour as interleaved RGB).
 */
export async function frameRoutes(app: FastifyInstance, options: FrameRoutesOptions): Promise<void> {
  const { store, codecs } = options;
  app.get<{ Params: FramesParams }>(
    '/studies/:study/series/:series/instances/:instance/frames/:frames',
    { schema: { params: FRAMES_PARAMS, response: { 200: { type: 'string' }, ...ERROR_RESPONSES } } },
    async (request: FastifyRequest<{ Params: FramesParams }>, reply: FastifyReply) => {
      const bytes = await loadInstance(store, request.params);
      const image = openImage(bytes);
      const indices = frameIndices(request.params.frames, image.desc.numberOfFrames ?? 1);
      const encoding = chooseFrameEncoding(request.headers.accept, image.desc.transferSyntaxUid);
      if (!encoding) {
        throw new HttpError('VOXA_HTTP_NOT_ACCEPTABLE', `frames stored as ${image.desc.transferSyntaxUid} are sent as ${offerNames(image.desc.transferSyntaxUid)}`);
      }
      // Decode (or slice) every frame before answering, so that an error is still an error status.
      const parts: OutgoingPart[] = [];
      for (const index of indices) parts.push(await framePart(image, index, encoding, codecs));
      const boundary = newBoundary();
      const type = encoding.kind === 'stored' ? encoding.mediaType : 'application/octet-stream';
      return reply.code(200).header('content-type', multipartContentType(type, boundary)).send(multipartStream(parts, boundary));
    },
  );
}

/** One frame as an outgoing part in the chosen encoding. */
export async function framePart(image: StoredImage, index: number, encoding: FrameEncoding, codecs: CodecRegistry): Promise<OutgoingPart> {
  const { desc, parsed } = image;
  const encoded = frameBytes(parsed.dataSet, index, desc);
  if (encoding.kind === 'stored') {
    return { contentType: `${encoding.mediaType}; transfer-syntax=${encoding.transferSyntaxUid}`, body: encoded };
  }
  const nativeType = `application/octet-stream; transfer-syntax=${TS.ExplicitVRLittleEndian}`;
  if (NATIVE_LITTLE.has(desc.transferSyntaxUid)) return { contentType: nativeType, body: encoded };
  return { contentType: nativeType, body: pixelBytes(await decode(encoded, image, codecs)) };
}

/** Decodes one frame; a failure is VOXA_HTTP_PIXEL_DECODE_FAILED (500), without patient data. */
export async function decode(encoded: Uint8Array, image: StoredImage, codecs: CodecRegistry): Promise<DecodedFrame> {
  try {
    return await decodeFrame(encoded, image.desc, codecs);
  } catch (error) {
    const code = (error as { code?: string })?.code;
    throw new HttpError('VOXA_HTTP_PIXEL_DECODE_FAILED', `${code ?? 'error'} for transfer syntax ${image.desc.transferSyntaxUid}`, { cause: error });
  }
}

/** The bytes of decoded samples in little endian (the platform's order on every Node target). */
function pixelBytes(frame: DecodedFrame): Uint8Array {
  const p = frame.pixels;
  return new Uint8Array(p.buffer, p.byteOffset, p.byteLength);
}

/**
 * Picks the encoding for frames stored in `transferSyntaxUid` from the Accept header
 * (PS3.18 §8.7.3.5): entries in order of preference; `*\/*` takes the stored form.
 */
export function chooseFrameEncoding(acceptHeader: string | undefined, transferSyntaxUid: string): FrameEncoding | undefined {
  const storedType = FRAME_MEDIA_TYPES[transferSyntaxUid];
  const offers: FrameEncoding[] = [];
  if (storedType) offers.push({ kind: 'stored', mediaType: storedType, transferSyntaxUid });
  if (NATIVE_LITTLE.has(transferSyntaxUid) || canDecodeTransferSyntax(transferSyntaxUid)) offers.push({ kind: 'native' });
  for (const entry of parseAccept(acceptHeader)) {
    if (entry.essence === '*/*' || entry.essence === 'multipart/*') return offers[0];
    if (entry.essence !== 'multipart/related') continue;
    const type = (entry.params.get('type') ?? 'application/octet-stream').toLowerCase();
    const syntax = entry.params.get('transfer-syntax');
    // octet-stream with transfer-syntax=* lets the server keep compressed frames as stored; each
    // part's Content-Type names the syntax (what OHIF/Cornerstone ask for, saving a decode).
    if (type === 'application/octet-stream' && syntax === '*' && !NATIVE_LITTLE.has(transferSyntaxUid) && transferSyntaxUid !== TS.ExplicitVRBigEndian) {
      return { kind: 'stored', mediaType: 'application/octet-stream', transferSyntaxUid };
    }
    const found = offers.find((offer) =>
      offer.kind === 'stored'
        ? mediaRangeMatches(type, offer.mediaType) && (syntax === undefined || syntax === '*' || syntax === offer.transferSyntaxUid)
        : mediaRangeMatches(type, 'application/octet-stream') && (syntax === undefined || syntax === '*' || syntax === TS.ExplicitVRLittleEndian),
    );
    if (found) return found;
  }
  return undefined;
}

function offerNames(transferSyntaxUid: string): string {
  const stored = FRAME_MEDIA_TYPES[transferSyntaxUid];
  return [stored, 'application/octet-stream'].filter(Boolean).join(' or ');
}
