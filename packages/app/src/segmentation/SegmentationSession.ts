import {
  addSegment, createSegmentation, createVolume, getSegment, layerWithoutOverlap, paintBrush, readDicomSeg, removeSegment, sameConcept,
  SEGMENT_TYPE, SegmentationHistory, segmentMask, segSourceFromSlices, writeDicomSeg, writeSegmentMask,
  type NewSegment, type Point3, type ScissorsOperation, type Segment, type Segmentation, type Vec3, type Volume,
} from '@voxa/core';
import { GpuLabelMap, MAX_LABEL_LAYERS, type LabelOverlay, type ViewportRenderer } from '@voxa/render';
import { retrieveSeries, stowInstances } from '../api/archive.ts';
import { modelManifestUrl } from '../api/models.ts';
import type { FrameWorkerPool } from '../loading/FrameWorkerPool.ts';
import { loadSeries } from '../loading/loadSeries.ts';
import type { SeriesPlan } from '../loading/planSeries.ts';
import type { ModelRunOutput, ModelRunProgress, ModelRunTimings } from './inference/modelJobs.ts';
import { runModelInWorker } from './inference/runModelInWorker.ts';
import type { LesionMeasures } from '@voxa/core';
import { SegWorkerClient } from './SegWorkerClient.ts';

/** Distinct colours for new segments (Slicer-like). */
const PALETTE: [number, number, number][] = [
  [128, 174, 128], [241, 214, 145], [177, 122, 101], [111, 184, 210], [216, 101, 79], [221, 130, 101], [144, 238, 144], [192, 104, 88],
  [220, 245, 20], [78, 63, 0], [255, 250, 220], [230, 220, 70],
];

/** A finished (or cancelled) model run. */
export interface ModelRunResult {
  modelId: string;
  cancelled: boolean;
  /** Numbers of the segments added (none when cancelled). */
  segments: number[];
  /** The new label layer. */
  layer?: number;
  backend?: string;
  threads?: number;
  /** The worker's times; `wallMs` is the whole run as the page saw it (image copy and worker start included). */
  timings?: ModelRunTimings;
  wallMs: number;
  warnings: string[];
}

/**
 * The segmentation being edited on the primary series: the core Segmentation (label layers on the
 * image grid), its undo history, the label textures the views draw, and a worker that runs the
 * heavier algorithms on a CPU copy of the image (fetched on first use, never kept on the main
 * thread).
 */
export class SegmentationSession {
  readonly segmentation: Segmentation;
  readonly history: SegmentationHistory;
  readonly gpu: GpuLabelMap;
  selected?: number;
  /** Brush radius in mm; 3D paints a sphere, else a disc on the view plane. */
  brushMm = 5;
  brush3d = false;
  /** HU range of the threshold and region-growing tools. */
  range: [number, number] = [150, 3000];
  /** What the scissors do, and how deep: through the whole volume, or only the slice the view shows. */
  scissorsOperation: ScissorsOperation = 'erase-inside';
  scissorsDepth: 'volume' | 'slice' = 'volume';
  fill = 0.4;
  outline = true;
  /** Bumped whenever voxels or segments change (the 3D view rebuilds its surfaces), and when colours or visibility do. */
  voxelVersion = 0;
  styleVersion = 0;
  busy?: string;
  error?: string;
  /** The model run in progress: which model, its stage and fraction. */
  modelRun?: { modelId: string } & ModelRunProgress;
  lastModelRun?: ModelRunResult;
  private modelAbort?: AbortController;
  private worker?: SegWorkerClient;
  private imageReady?: Promise<void>;

  constructor(
    renderer: ViewportRenderer,
    private readonly plan: SeriesPlan,
    private readonly source: { studyUid: string; seriesUid: string; pool: FrameWorkerPool },
    private readonly onChange: () => void,
  ) {
    const { dimensions, indexToWorld } = plan.plan;
    this.segmentation = createSegmentation({ dimensions, indexToWorld, frameOfReferenceUid: plan.frameOfReferenceUid, referencedSeriesUid: source.seriesUid });
    this.history = new SegmentationHistory(this.segmentation);
    this.gpu = renderer.createLabelMap({ dimensions, indexToWorld });
  }

  get segments(): Segment[] {
    return this.segmentation.segments;
  }

  get seriesUid(): string {
    return this.source.seriesUid;
  }

  /** What the views draw. */
  get overlay(): LabelOverlay {
    return { map: this.gpu, fill: this.fill, outline: this.outline };
  }

  /** Add a manual segment and select it. */
  add(init: Partial<NewSegment> = {}): Segment {
    const n = this.segmentation.segments.length;
    const g = this.history.edit('add segment', () => addSegment(this.segmentation, { label: `Segment ${n + 1}`, color: PALETTE[n % PALETTE.length], ...init }));
    this.selected = g.number;
    this.sync();
    return g;
  }

  remove(number: number): void {
    this.history.edit('remove segment', () => removeSegment(this.segmentation, number));
    if (this.selected === number) this.selected = this.segmentation.segments[0]?.number;
    this.sync();
  }

  /** Make a segment the one the tools act on. */
  select(number: number): void {
    this.selected = number;
    this.onChange();
  }

  /** Change display or review fields of a segment (not undoable: they are not voxels). */
  update(number: number, patch: Partial<Pick<Segment, 'label' | 'color' | 'opacity' | 'visible' | 'locked' | 'review'>>): void {
    Object.assign(getSegment(this.segmentation, number), patch);
    this.styleVersion++;
    this.syncColors();
    this.onChange();
  }

  /** Mark a segment reviewed (or rejected) by a reader now. */
  review(number: number, status: 'reviewed' | 'rejected', by: string): void {
    this.update(number, { review: { status, by, at: new Date().toISOString() } });
  }

  /** The selected segment's voxels as a 0/1 mask (a copy, for worker jobs). */
  maskOf(number: number): Uint8Array {
    return segmentMask(this.segmentation, number);
  }

  /** Start a brush stroke: everything painted until `endStroke` is one undo step. */
  beginStroke(erase: boolean): boolean {
    const g = this.selected === undefined ? undefined : getSegment(this.segmentation, this.selected);
    if (!g || g.locked) return false;
    this.history.begin(erase ? 'erase' : 'paint');
    return true;
  }

  /** Paint or erase with the brush at an LPS point (2D on the view plane when `planeNormal` is given). */
  paint(centre: Point3, radiusMm: number, options: { erase?: boolean; planeNormal?: Vec3 } = {}): void {
    if (this.selected === undefined) return;
    const g = getSegment(this.segmentation, this.selected);
    const box = paintBrush(this.segmentation, g.number, centre, radiusMm, options);
    if (box) this.gpu.upload(g.layer, this.segmentation.layers[g.layer], box);
    this.onChange();
  }

  endStroke(): void {
    this.history.commit();
    this.voxelVersion++;
    this.onChange();
  }

  undo(): void { if (this.history.undo()) this.sync(); }
  redo(): void { if (this.history.redo()) this.sync(); }

  /** Run an algorithm in the worker and write its mask into a (new or selected) segment. */
  async runMaskOp(label: string, job: Parameters<SegWorkerClient['mask']>[0], target: { segment?: number; create?: Partial<NewSegment>; mode?: 'replace' | 'add' }): Promise<number | undefined> {
    return this.task(label, async () => {
      await this.ensureImage();
      return this.writeMask(label, await this.worker!.mask(job), target);
    });
  }

  /**
   * One-click lesion: segment the lesion under an LPS point into a new segment (one undo step),
   * and answer what the worker measured on it (volume, mean and maximum, RECIST axes). Finding
   * nothing there adds no segment and is reported in `error`, as is a segment without axes.
   */
  async segmentLesion(seedLps: Vec3, create: Partial<NewSegment>): Promise<{ segment: number; measures: LesionMeasures } | undefined> {
    return this.task('lesion', async () => {
      await this.ensureImage();
      const { mask, lesion } = await this.worker!.maskWithMeasures({ op: 'lesion', seedLps });
      if (!lesion || lesion.voxelCount === 0) throw new Error(`no lesion found at (${seedLps.map((x) => x.toFixed(1)).join(', ')}) mm: nothing segmented or measured`);
      const segment = this.writeMask('lesion', mask, { create });
      if (!lesion.axes) this.error = `lesion: segment ${create.label ?? segment} has no section with an area in the acquisition plane: its axes were not measured`;
      return { segment, measures: lesion };
    });
  }

  /** Write a worker's mask into a (new or given) segment as one undo step, and select it. */
  private writeMask(label: string, mask: Uint8Array, target: { segment?: number; create?: Partial<NewSegment>; mode?: 'replace' | 'add' }): number {
    let number = target.segment;
    this.history.edit(label, () => {
      // A new segment goes where it takes no other segment's voxels (a lesion inside an organ keeps both).
      const layer = layerWithoutOverlap(this.segmentation, mask);
      if (number === undefined) number = addSegment(this.segmentation, { label, color: PALETTE[this.segmentation.segments.length % PALETTE.length], ...target.create }, layer).number;
      writeSegmentMask(this.segmentation, number, mask, { mode: target.mode ?? 'replace' });
    });
    this.selected = number;
    this.sync();
    return number!;
  }

  /**
   * Scissors: the outline drawn on a view (LPS points on its plane) extruded along the view's
   * normal cuts the selected segment, in the worker; one undo step. A locked segment is not cut.
   * `sliceStepMm` is the view's slice step: 'slice' depth cuts the voxels within half a step of the plane.
   */
  async cut(polygonLps: Vec3[], normal: Vec3, sliceStepMm: number): Promise<void> {
    if (this.selected === undefined || polygonLps.length < 3) return;
    const g = getSegment(this.segmentation, this.selected);
    if (g.locked) {
      this.error = `scissors: segment ${g.label} is locked`;
      this.onChange();
      return;
    }
    const job = { op: 'scissors' as const, mask: this.maskOf(g.number), polygonLps, directionLps: normal, operation: this.scissorsOperation, slabMm: this.scissorsDepth === 'slice' ? sliceStepMm : undefined };
    await this.runMaskOp(`scissors (${this.scissorsOperation})`, job, { segment: g.number });
  }

  /**
   * Grow from seeds: the segments of the selected segment's layer are the seeds (paint a little of
   * each, at least two); every unlabelled voxel around them goes to the segment it is best
   * connected to. Locked segments keep their voxels; the result is one undo step.
   */
  async growFromSeeds(): Promise<void> {
    if (this.selected === undefined) return;
    const layer = getSegment(this.segmentation, this.selected).layer;
    const inLayer = this.segmentation.segments.filter((g) => g.layer === layer);
    if (inLayer.length < 2) {
      this.error = 'grow from seeds needs at least two segments in the same layer, each with a few painted voxels';
      this.onChange();
      return;
    }
    await this.task('grow from seeds', async () => {
      await this.ensureImage();
      const labels = await this.worker!.mask({ op: 'grow-seeds', mask: this.segmentation.layers[layer].slice() });
      const locked = new Uint8Array(256);
      for (const g of inLayer) if (g.locked) locked[g.value] = 1;
      this.history.edit('grow from seeds', () => {
        const a = this.segmentation.layers[layer];
        for (let n = 0; n < a.length; n++) {
          const v = labels[n];
          if (v && !locked[a[n]] && !locked[v]) a[n] = v; // outside the grown box (v = 0) the layer stays as it was
        }
      });
      this.sync();
    });
  }

  /** Run the rule-based CT structures; each becomes a proposal segment. */
  async autoCt(): Promise<void> {
    await this.task('automatic CT structures', async () => {
      await this.ensureImage();
      const result = await this.worker!.autoCt();
      this.history.edit('automatic CT structures', () => {
        const base = this.segmentation.layers.length;
        for (const layer of result.layers) this.segmentation.layers.push(layer);
        // The body covers everything else: listed, but hidden until asked for.
        for (const g of result.segments) addSegment(this.segmentation, { ...g, visible: !sameConcept(g.type, SEGMENT_TYPE.body) }, base + g.layer);
      });
      this.sync();
    });
  }

  /**
   * Run a segmentation model of the server (/api/models/:id) on the image, in a model worker
   * of its own (terminated afterwards, which frees onnxruntime's memory), and add its segments —
   * AUTOMATIC, review 'proposal' — in a new label layer as one undoable edit. The image is not
   * fetched again: the segmentation worker, which holds it, hands over a copy. `cancelModel` (or
   * `signal`) stops the run at once; a cancelled run changes nothing and is not an error.
   */
  async runModel(modelId: string, options: { signal?: AbortSignal } = {}): Promise<ModelRunResult | undefined> {
    if (this.modelAbort) {
      this.error = `model ${modelId}: model ${this.modelRun?.modelId} is still running`;
      this.onChange();
      return undefined;
    }
    const ctrl = new AbortController();
    this.modelAbort = ctrl;
    const signal = options.signal ? AbortSignal.any([options.signal, ctrl.signal]) : ctrl.signal;
    const started = performance.now();
    const progress = (p: ModelRunProgress) => {
      this.modelRun = { modelId, ...p };
      this.onChange();
    };
    try {
      return await this.task(`model ${modelId}`, async () => {
        try {
          if (this.segmentation.layers.length >= MAX_LABEL_LAYERS) {
            throw new Error(`the views show at most ${MAX_LABEL_LAYERS} label layers and the segmentation has ${this.segmentation.layers.length}; remove segments first`);
          }
          progress({ stage: 'download', fraction: 0 });
          await this.ensureImage();
          signal.throwIfAborted();
          const voxels = (await this.worker!.imageCopy()) as Volume['voxels'];
          signal.throwIfAborted();
          const { dimensions, indexToWorld } = this.plan.plan;
          const out = await runModelInWorker({
            manifestUrl: new URL(modelManifestUrl(modelId), location.href).href,
            image: {
              dimensions, indexToWorld: Float64Array.from(indexToWorld), voxels, units: this.plan.units,
              modality: this.plan.modality, seriesInstanceUid: this.source.seriesUid, frameOfReferenceUid: this.plan.frameOfReferenceUid,
            },
          }, { signal, onProgress: progress });
          const added = this.addModelSegments(out);
          this.lastModelRun = {
            modelId, cancelled: false, ...added, backend: out.backend, threads: out.threads, timings: out.timings,
            wallMs: performance.now() - started, warnings: out.warnings,
          };
          return this.lastModelRun;
        } catch (e) {
          if (!signal.aborted) throw e;
          this.lastModelRun = { modelId, cancelled: true, segments: [], wallMs: performance.now() - started, warnings: [] };
          return this.lastModelRun;
        }
      });
    } finally {
      this.modelRun = undefined;
      this.modelAbort = undefined;
      this.onChange();
    }
  }

  /** Stop the model run in progress (its worker is terminated); nothing when none runs. */
  cancelModel(): void {
    this.modelAbort?.abort(new DOMException('the model run was cancelled', 'AbortError'));
  }

  /** A model's layer and segments into the segmentation: a new layer, one undoable edit. */
  private addModelSegments(out: ModelRunOutput): { segments: number[]; layer: number } {
    const numbers: number[] = [];
    let layer = -1;
    this.history.edit(`model ${out.modelName}`, () => {
      this.segmentation.layers.push(out.layer);
      layer = this.segmentation.layers.length - 1;
      // Values are given again in the new layer; they match the model's unless addSegment chose otherwise.
      const remap = Uint8Array.from({ length: 256 }, (_, v) => v);
      for (const { number: _number, layer: _layer, value, ...init } of out.segments) {
        const g = addSegment(this.segmentation, init, layer);
        remap[value] = g.value;
        numbers.push(g.number);
      }
      if (remap.some((v, n) => v !== n)) for (let n = 0; n < out.layer.length; n++) out.layer[n] = remap[out.layer[n]];
    });
    this.selected = numbers[0] ?? this.selected;
    this.sync();
    return { segments: numbers, layer };
  }

  /**
   * Store the segmentation in the archive as a DICOM SEG (BINARY) of the image series (STOW-RS).
   * Returns the new SEG's series UID.
   */
  async save(description = 'Voxa segmentation'): Promise<string | undefined> {
    return this.task('save as DICOM SEG', async () => {
      const plan = this.plan.plan;
      const source = segSourceFromSlices(plan.slices[0], undefined, { dimensions: plan.dimensions, indexToWorld: plan.indexToWorld });
      const seriesInstanceUid = `2.25.${BigInt(`0x${crypto.randomUUID().replace(/-/g, '')}`)}`;
      const bytes = writeDicomSeg(this.segmentation, source, { seriesDescription: description, seriesInstanceUid });
      const r = await stowInstances([bytes]);
      if (r.stored !== 1) throw new Error(`the archive refused the SEG (HTTP ${r.status})`);
      return seriesInstanceUid;
    });
  }

  /** Replace the segments with those of a DICOM SEG series of the study, placed on the image grid. */
  async load(segSeriesUid: string): Promise<void> {
    await this.task('load DICOM SEG', async () => {
      const [bytes] = await retrieveSeries(this.source.studyUid, segSeriesUid);
      if (!bytes) throw new Error(`series ${segSeriesUid} has no instance`);
      const { dimensions, indexToWorld } = this.plan.plan;
      const loaded = await readDicomSeg(bytes, { referenceGrid: { dimensions, indexToWorld } });
      this.history.edit('load DICOM SEG', () => {
        this.segmentation.layers = loaded.layers;
        this.segmentation.segments = loaded.segments;
      });
      this.selected = loaded.segments[0]?.number;
      this.sync();
    });
  }

  /** The image as a core Volume (CPU copy) — loads it into the worker on first use. */
  private ensureImage(): Promise<void> {
    this.imageReady ??= (async () => {
      const { dimensions, indexToWorld } = this.plan.plan;
      const volume: Volume = createVolume({ dimensions, indexToWorld, type: this.plan.voxelType, units: this.plan.units });
      const [nx, ny] = dimensions;
      const sink = { setSlice: (k: number, values: ArrayLike<number>) => { volume.voxels.set(values, k * nx * ny); } };
      const progress = await loadSeries(this.source.studyUid, this.source.seriesUid, this.plan, sink, this.source.pool);
      // Algorithms on an image with missing slices would segment zeros: refuse instead.
      if (progress.failed > 0) throw new Error(`${progress.failed} of ${progress.total} slices could not be loaded for the segmentation tools: ${progress.firstError}`);
      this.worker = new SegWorkerClient();
      await this.worker.setImage(volume); // transfers the voxels: the main thread keeps none
    })().catch((e: unknown) => {
      this.imageReady = undefined; // a later tool tries again
      throw e;
    });
    return this.imageReady;
  }

  private async task<T>(label: string, fn: () => Promise<T>): Promise<T | undefined> {
    this.busy = label;
    this.error = undefined;
    this.onChange();
    try {
      return await fn();
    } catch (e) {
      this.error = `${label}: ${e instanceof Error ? e.message : String(e)}`;
      return undefined;
    } finally {
      this.busy = undefined;
      this.onChange();
    }
  }

  /** Upload every layer and the colours (after undo/redo, new segments, loads). */
  sync(): void {
    const s = this.segmentation;
    this.voxelVersion++;
    this.gpu.setLayerCount(s.layers.length);
    s.layers.slice(0, MAX_LABEL_LAYERS).forEach((a, l) => this.gpu.upload(l, a));
    this.syncColors();
    this.onChange();
  }

  private syncColors(): void {
    this.gpu.setColors(this.segmentation.segments.map((g) => ({ layer: g.layer, value: g.value, rgb: g.color, opacity: g.visible ? g.opacity : 0 })));
  }

  dispose(): void {
    this.cancelModel();
    this.gpu.dispose();
    this.worker?.dispose();
  }
}
