import { useState } from 'react';
import { uploadDroppedFiles, type UploadReport } from './uploadDroppedFiles.ts';

/** Drop local DICOM files or folders: checked in a worker, stored in the archive with STOW-RS. */
export function DropZone({ onStored }: { onStored: () => void }) {
  const [over, setOver] = useState(false);
  const [report, setReport] = useState<UploadReport>();
  const [busy, setBusy] = useState(false);
  const onDrop = async (e: React.DragEvent) => {
    e.preventDefault();
    setOver(false);
    setBusy(true);
    try {
      const r = await uploadDroppedFiles(e.dataTransfer);
      setReport(r);
      if (r.stored > 0) onStored();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={`dropzone${over ? ' over' : ''}`} onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={onDrop}>
      {busy ? 'Reading and storing…' : 'Drop DICOM files or folders here'}
      {report && (
        <div>
          {report.stored} in the archive, {report.rejected.length} rejected
          {report.rejected.slice(0, 20).map((r) => <div className="error" key={r.file}>{r.file}: {r.reason}</div>)}
        </div>
      )}
    </div>
  );
}
