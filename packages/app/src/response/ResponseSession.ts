import type { AssessmentState, Measurement, MeasurementLesion } from '@voxa/core';
import { formatDate, listStudies, type StudySummary } from '../api/archive.ts';
import type { SeriesRef } from '../api/registrations.ts';
import type { MeasurementList } from '../measure/MeasurementList.ts';
import { fetchMeasurements } from '../measure/measurementsApi.ts';
import {
  addFollowUp, advanceAssessment, listAssessments, reopenAssessment, startAssessment,
  type AssessmentStart, type StoredAssessment,
} from './assessmentsApi.ts';
import { carryLesions, lesionsToCarry, type CarriedLesion, type MeasureLesionAt } from './carryLesions.ts';
import { computeResponse, type AssessmentTimePoint, type LiveResponse } from './computeResponse.ts';
import { tabulateLesions, type LesionTable } from './tabulateLesions.ts';

/** What the lesion editor of the open study needs to know of the assessment. */
export interface LesionTagging {
  /** Lesions tagged at the assessment's other studies, by id: their kind and organ are the defaults for the same id here. */
  known: ReadonlyMap<string, MeasurementLesion>;
  /** Every lesion id in use anywhere in the assessment, the open study included (for the next free id). */
  usedIds: ReadonlySet<string>;
  /** Lesion ids tagged at the open study. */
  taggedHere: ReadonlySet<string>;
  /** The open study is the assessment's baseline, or there is no assessment: targets may be chosen here. */
  atBaseline: boolean;
  /** The open study is one of the shown assessment's. */
  inAssessment: boolean;
}

/** A carry of the baseline's lesions into the open follow-up, while and after it runs. */
export interface LesionCarry {
  running: boolean;
  /** What it is doing, or what it did. */
  step: string;
  lesions: readonly CarriedLesion[];
  error?: string;
}

/**
 * The tumour-response side of the open study: the patient's studies, their assessments, the
 * saved measurements of the assessment's other studies, and the live response (the open study's
 * measurements are the viewer's own list, so the table follows every edit). Workflow actions go
 * to the server; a refusal is kept in `actionError` for the panel to show.
 *
 * @example
 * const session = new ResponseSession(studyUid, list, rerender);
 * await session.load(patientId);
 * session.view().table.columns.map((c) => c.category); // [undefined, 'PR', 'PD']
 */
export class ResponseSession {
  patientId?: string;
  /** The patient's studies, oldest first. */
  studies: StudySummary[] = [];
  assessments: StoredAssessment[] = [];
  /** The assessment shown; the newest when not chosen. */
  selectedId?: string;
  loadError?: string;
  /** The last workflow request the server refused, with its message. */
  actionError?: string;
  busy = false;
  /** The last carry of the baseline's lesions into the open study. */
  carry?: LesionCarry;
  /** Saved measurements of the assessment's studies other than the open one, by study UID. */
  private readonly saved = new Map<string, Measurement[]>();
  private pending: Promise<void> = Promise.resolve();
  private memo?: { key: string; view: { response: LiveResponse; table: LesionTable } };

  constructor(readonly studyUid: string, private readonly list: MeasurementList, private readonly onChange: () => void) {}

  /** Read the patient's studies and assessments, then the measurements of the shown assessment's studies. */
  load(patientId: string | undefined): Promise<void> {
    if (!patientId) return Promise.resolve();
    this.patientId = patientId;
    return this.queue(async () => {
      // The timeline needs only the archive: it shows even where the server keeps no assessments.
      const [studies, assessments] = await Promise.allSettled([listStudies(patientId), listAssessments(patientId)]);
      const problems: string[] = [];
      if (studies.status === 'fulfilled') this.studies = studies.value.sort((a, b) => a.studyDate.localeCompare(b.studyDate));
      else problems.push(`studies of patient ${patientId}: ${(studies.reason as Error).message}`);
      if (assessments.status === 'fulfilled') this.assessments = assessments.value;
      else problems.push(`assessments: ${(assessments.reason as Error).message}`);
      this.saved.clear();
      await this.loadMeasurements().catch((e: Error) => problems.push(e.message));
      this.loadError = problems.join('\n') || undefined;
    });
  }

  /** Resolves when every load and action started so far is done. */
  async settled(): Promise<void> {
    for (let p = this.pending; ; p = this.pending) {
      await p;
      if (p === this.pending) return;
    }
  }

  get current(): StoredAssessment | undefined {
    return this.assessments.find((a) => a.assessment.id === this.selectedId) ?? this.assessments.at(-1);
  }

  select(id: string): void {
    this.selectedId = id;
    void this.queue(() => this.loadMeasurements());
  }

  /** The assessment's studies as time points: the baseline, then the follow-ups by date. */
  timePoints(): AssessmentTimePoint[] {
    const a = this.current?.assessment;
    if (!a) return [];
    const dateOf = (uid: string) => formatDate(this.studies.find((s) => s.studyUid === uid)?.studyDate ?? '');
    const followUps = [...a.followUpStudyUids].sort((x, y) => dateOf(x).localeCompare(dateOf(y)));
    return [a.baselineStudyUid, ...followUps].map((studyUid) => ({ studyUid, dateIso: dateOf(studyUid), measurements: this.measurementsOf(studyUid) }));
  }

  /** The live response and its lesion table; recomputed only when a tagged measurement or the assessment changed. */
  view(): { response: LiveResponse; table: LesionTable } {
    const a = this.current?.assessment;
    const timePoints = this.timePoints();
    const key = JSON.stringify([a?.criterion, timePoints.map((tp) => [tp.studyUid, tp.dateIso, tp.measurements.filter((m) => m.lesion)])]);
    if (this.memo?.key !== key) {
      const response = computeResponse(a?.criterion ?? 'recist', timePoints);
      this.memo = { key, view: { response, table: tabulateLesions(timePoints, response) } };
    }
    return this.memo.view;
  }

  /** What the open study's lesion editor defaults from. */
  tagging(): LesionTagging {
    const known = new Map<string, MeasurementLesion>();
    const usedIds = new Set<string>();
    for (const tp of this.timePoints()) {
      for (const m of tp.measurements) {
        if (!m.lesion) continue;
        usedIds.add(m.lesion.id);
        if (tp.studyUid !== this.studyUid && !known.has(m.lesion.id)) known.set(m.lesion.id, m.lesion);
      }
    }
    const taggedHere = new Set(this.list.items.flatMap((m) => (m.lesion ? [m.lesion.id] : [])));
    for (const id of taggedHere) usedIds.add(id);
    const a = this.current?.assessment;
    const inAssessment = !!a && (a.baselineStudyUid === this.studyUid || a.followUpStudyUids.includes(this.studyUid));
    return { known, usedIds, taggedHere, atBaseline: !inAssessment || a?.baselineStudyUid === this.studyUid, inAssessment };
  }

  start(start: Omit<AssessmentStart, 'patientId'>, user: string): Promise<void> {
    return this.act(async () => {
      const created = await startAssessment({ ...start, patientId: this.patientId! }, user);
      this.assessments = [...this.assessments, created];
      this.selectedId = created.assessment.id;
      await this.loadMeasurements();
    });
  }

  advance(to: AssessmentState, user: string): Promise<void> {
    return this.act(async () => this.replace(await advanceAssessment(this.current!, to, user)));
  }

  reopen(reason: string, user: string): Promise<void> {
    return this.act(async () => this.replace(await reopenAssessment(this.current!, reason, user)));
  }

  addFollowUp(studyUid: string, user: string): Promise<void> {
    return this.act(async () => {
      this.replace(await addFollowUp(this.current!, studyUid, user));
      await this.loadMeasurements();
    });
  }

  /** Why the baseline's lesions cannot be carried into the open study now; undefined when they can. */
  carryBlocker(): string | undefined {
    const a = this.current?.assessment;
    if (!a) return 'start an assessment first';
    if (a.baselineStudyUid === this.studyUid) return 'the open study is the baseline';
    if (!a.followUpStudyUids.includes(this.studyUid)) return 'the open study is not a follow-up of this assessment';
    if (this.carry?.running) return 'carrying the lesions…';
    if (this.busy) return 'waiting for the server';
    const baseline = this.saved.get(a.baselineStudyUid) ?? [];
    if (!baseline.some((m) => m.lesion && m.lesion.kind !== 'new')) return 'no target or non-target lesion is tagged at baseline';
    if (lesionsToCarry(baseline, this.list.items).length === 0) return 'every baseline lesion is already tagged here';
    return undefined;
  }

  /**
   * Carry the baseline's lesions into the open follow-up (`carryLesions`): registered on the
   * server, measured with the one-click lesion tool of the open study (`measureAt`), tagged.
   */
  carryBaselineLesions(followUp: SeriesRef, measureAt: MeasureLesionAt): Promise<void> {
    if (this.carryBlocker()) return Promise.resolve();
    const carry: LesionCarry = { running: true, step: 'starting…', lesions: [] };
    this.carry = carry;
    this.onChange();
    return this.queue(async () => {
      const a = this.current!.assessment;
      try {
        carry.lesions = await carryLesions({
          baselineStudyUid: a.baselineStudyUid, baseline: this.saved.get(a.baselineStudyUid) ?? [], here: this.list.items, followUp, measureAt,
          onProgress: (done, step) => { carry.lesions = [...done]; carry.step = step; this.onChange(); },
        });
        const measured = carry.lesions.filter((l) => l.measurementId).length;
        carry.step = `${measured} of ${carry.lesions.length} baseline lesions measured here${measured ? ': proposals to review' : ''}`;
      } catch (e) {
        carry.error = (e as Error).message;
      } finally {
        carry.running = false;
      }
    });
  }

  /** Read the measurements of the current assessment's other studies again (they may have been edited elsewhere). */
  refresh(): Promise<void> {
    return this.load(this.patientId);
  }

  private measurementsOf(studyUid: string): readonly Measurement[] {
    return studyUid === this.studyUid ? this.list.items : this.saved.get(studyUid) ?? [];
  }

  private async loadMeasurements(): Promise<void> {
    const a = this.current?.assessment;
    if (!a) return;
    const missing = [a.baselineStudyUid, ...a.followUpStudyUids].filter((uid) => uid !== this.studyUid && !this.saved.has(uid));
    const lists = await Promise.all(missing.map((uid) => fetchMeasurements(uid)));
    missing.forEach((uid, i) => this.saved.set(uid, lists[i]));
  }

  private replace(updated: StoredAssessment): void {
    this.assessments = this.assessments.map((a) => (a.assessment.id === updated.assessment.id ? updated : a));
  }

  /** A workflow request: busy while it runs; a refusal is shown, and a stale revision re-read. */
  private act(action: () => Promise<void>): Promise<void> {
    return this.queue(async () => {
      this.busy = true;
      this.actionError = undefined;
      this.onChange();
      try {
        await action();
      } catch (e) {
        const status = (e as { status?: number }).status;
        this.actionError = (e as Error).message;
        if (status === 412 && this.patientId) this.assessments = await listAssessments(this.patientId).catch(() => this.assessments);
      } finally {
        this.busy = false;
      }
    });
  }

  /** Run after everything queued before; a failure is shown as `loadError`, never an unhandled rejection. */
  private queue(task: () => Promise<void>): Promise<void> {
    const run = this.pending.then(task).catch((e: Error) => { this.loadError = e.message; }).finally(() => this.onChange());
    this.pending = run;
    return run;
  }
}
