import { stowInstances } from '../api/archive.ts';

export interface UploadReport {
  /** Instances the archive now holds (new or already there). */
  stored: number;
  rejected: { file: string; reason: string }[];
}

/** Every file under the dropped items (folders walked). */
async function filesOf(dt: DataTransfer): Promise<File[]> {
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry, path: string): Promise<void> => {
    if (entry.isFile) {
      const f = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
      Object.defineProperty(f, 'relativePath', { value: path + f.name });
      out.push(f);
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (batch.length === 0) break;
        for (const e of batch) await walk(e, `${path}${entry.name}/`);
      }
    }
  };
  const entries = [...dt.items].map((i) => i.webkitGetAsEntry()).filter((e): e is FileSystemEntry => !!e);
  if (entries.length) for (const e of entries) await walk(e, '');
  else out.push(...dt.files);
  return out;
}

/** Check dropped files in a worker, then STOW-RS the valid ones in batches. */
export async function uploadDroppedFiles(dt: DataTransfer): Promise<UploadReport> {
  const files = await filesOf(dt);
  const worker = new Worker(new URL('./dropWorker.ts', import.meta.url), { type: 'module' });
  const checked = await new Promise<{ ok: { file: string; bytes: ArrayBuffer }[]; rejected: UploadReport['rejected'] }>((resolve) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.postMessage({ files });
  });
  worker.terminate();
  const report: UploadReport = { stored: 0, rejected: checked.rejected };
  for (let i = 0; i < checked.ok.length; i += 20) {
    const batch = checked.ok.slice(i, i + 20);
    const { status, stored: referenced, failed } = await stowInstances(batch.map((b) => b.bytes));
    report.stored += referenced;
    if (failed) report.rejected.push({ file: `${failed} file(s) of batch ${i / 20 + 1}`, reason: `refused by the archive (HTTP ${status})` });
  }
  return report;
}
