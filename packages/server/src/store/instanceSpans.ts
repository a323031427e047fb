import type { InstanceRef } from './InstanceStore.ts';
import { PACK_RECORD_HEADER_BYTES } from './packFile.ts';

/** Where an instance's bytes are, as the index says. */
export interface InstanceLocation {
  file_path: string;
  byte_offset: number;
  byte_size: number;
}

/** Instances read together: neighbours in one file, or one instance not stored (no parts). */
export interface InstanceSpan {
  /** The instances' locations, in order, within the span's file. */
  parts: InstanceLocation[];
  /** The first ref, named when the read fails. */
  ref: InstanceRef;
}

/**
 * `refs` in order, grouped into spans that one read can serve: runs of records that follow one
 * another in one pack (only a record header between them), at most `maxBytes` from the first
 * byte to the last (a larger instance is a span of its own). Each ref is located (`locate`) as
 * the spans are taken, so a large study is not looked up at once.
 */
export function* instanceSpans(refs: readonly InstanceRef[], locate: (ref: InstanceRef) => InstanceLocation | undefined, maxBytes: number): Generator<InstanceSpan> {
  let span: InstanceSpan | undefined;
  for (const ref of refs) {
    const location = locate(ref);
    const last = span?.parts[span.parts.length - 1];
    if (span && last && location && follows(last, location) && location.byte_offset + location.byte_size - span.parts[0].byte_offset <= maxBytes) {
      span.parts.push(location);
      continue;
    }
    if (span) yield span;
    span = { parts: location ? [location] : [], ref };
  }
  if (span) yield span;
}

/** Whether `next` is the record right after `previous` in the same pack. */
function follows(previous: InstanceLocation, next: InstanceLocation): boolean {
  return next.file_path === previous.file_path && next.byte_offset === previous.byte_offset + previous.byte_size + PACK_RECORD_HEADER_BYTES;
}
