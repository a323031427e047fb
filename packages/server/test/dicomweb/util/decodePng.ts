// One test PNG decoder for the repository: the server's rendered frames and core's key images.
export { decodePng, pixelAt, type DecodedPng } from '../../../../core/test/report/decodePng.ts';
