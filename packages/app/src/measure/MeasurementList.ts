import { deleteMeasurement, fetchMeasurements, saveMeasurement } from './measurementsApi.ts';
import type { Measurement } from '@voxa/core';

/**
 * The study's measurements as the viewer edits them: loaded from the server, saved one by one
 * after each change (the server keeps the audit trail). A failed save is shown, not dropped.
 */
export class MeasurementList {
  items: Measurement[] = [];
  selectedId?: string;
  saveError?: string;
  private readonly studyUid: string;
  private readonly onChange: () => void;

  constructor(studyUid: string, onChange: () => void) {
    this.studyUid = studyUid;
    this.onChange = onChange;
  }

  async load(): Promise<void> {
    try {
      this.items = await fetchMeasurements(this.studyUid);
    } catch (e) {
      this.saveError = (e as Error).message;
    }
    this.onChange();
  }

  /** Add or replace locally (while dragging); `save` persists. */
  put(m: Measurement): void {
    const i = this.items.findIndex((x) => x.id === m.id);
    if (i >= 0) this.items[i] = m;
    else this.items.push(m);
    this.onChange();
  }

  async save(id: string): Promise<void> {
    const m = this.items.find((x) => x.id === id);
    if (!m) return;
    try {
      const saved = await saveMeasurement(this.studyUid, m);
      this.items = this.items.map((x) => (x.id === id ? { ...x, createdAt: saved.createdAt ?? x.createdAt, updatedAt: saved.updatedAt ?? x.updatedAt } : x));
      this.saveError = undefined;
    } catch (e) {
      this.saveError = (e as Error).message;
    }
    this.onChange();
  }

  async remove(id: string): Promise<void> {
    this.items = this.items.filter((x) => x.id !== id);
    this.onChange();
    try {
      await deleteMeasurement(this.studyUid, id);
    } catch (e) {
      this.saveError = (e as Error).message;
      this.onChange();
    }
  }
}
