/// <reference lib="webworker" />
import { parseDicom, readInstance } from '@voxa/core';

// Checks dropped files off the UI thread: each must parse as DICOM and describe an instance.
self.onmessage = async (e: MessageEvent<{ files: File[] }>) => {
  const ok: { file: string; bytes: ArrayBuffer }[] = [];
  const rejected: { file: string; reason: string }[] = [];
  for (const f of e.data.files) {
    const name = (f as File & { relativePath?: string }).relativePath ?? f.name;
    try {
      const bytes = await f.arrayBuffer();
      readInstance(parseDicom(new Uint8Array(bytes), name));
      ok.push({ file: name, bytes });
    } catch (error) {
      rejected.push({ file: name, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  (self as unknown as Worker).postMessage({ ok, rejected }, ok.map((o) => o.bytes));
};
