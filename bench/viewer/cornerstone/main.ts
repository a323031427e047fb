// The peer for `npm run bench -- viewer`: Cornerstone3D (npm) loading the same series from the same
// Voxa server over WADO-RS, the way its examples and OHIF do — metadata from WADO-RS into the wadors
// metadata manager, a streaming image volume, three orthographic volume viewports (axial, sagittal,
// coronal) sized like Voxa's MPR layout — with its default configuration. It exposes `window.__cs`
// for the bench: timestamps (performance.now(), from navigation start), and scroll/rotate steps
// that resolve when the frame is drawn.
import { Enums, RenderingEngine, eventTarget, init as csInit, setVolumesForViewports, volumeLoader, type Types } from '@cornerstonejs/core';
import { init as loaderInit, wadors } from '@cornerstonejs/dicom-image-loader';

const params = new URLSearchParams(location.search);
const study = params.get('study')!;
const series = params.get('series')!;
const root = `${location.origin}/dicom-web`;

const marks: Record<string, number> = { scriptStart: performance.now() };
const VIEWS = [
  { id: 'axial', orientation: Enums.OrientationAxis.AXIAL },
  { id: 'sagittal', orientation: Enums.OrientationAxis.SAGITTAL },
  { id: 'coronal', orientation: Enums.OrientationAxis.CORONAL },
];

function rendered(element: HTMLElement): Promise<void> {
  return new Promise((resolve) => element.addEventListener(Enums.Events.IMAGE_RENDERED, () => resolve(), { once: true }));
}

/** Mean grey level of the centre 32×32 block of a viewport's on-screen canvas. */
function centreLevel(element: HTMLElement): number {
  const canvas = element.querySelector('canvas')!;
  const ctx = canvas.getContext('2d')!;
  const x = Math.floor(canvas.width / 2) - 16, y = Math.floor(canvas.height / 2) - 16;
  const d = ctx.getImageData(x, y, 32, 32).data;
  let sum = 0;
  for (let i = 0; i < d.length; i += 4) sum += d[i];
  return sum / (d.length / 4);
}

async function main(): Promise<void> {
  csInit();
  loaderInit({ maxWebWorkers: Math.max(1, navigator.hardwareConcurrency || 1) });
  marks.initialised = performance.now();

  const res = await fetch(`${root}/studies/${study}/series/${series}/metadata`, { headers: { Accept: 'application/dicom+json' } });
  if (!res.ok) throw new Error(`metadata: HTTP ${res.status}`);
  const instances = (await res.json()) as Record<string, { Value?: unknown[] }>[];
  const imageIds = instances.map((inst) => {
    const sop = inst['00080018'].Value![0] as string;
    const imageId = `wadors:${root}/studies/${study}/series/${series}/instances/${sop}/frames/1`;
    wadors.metaDataManager.add(imageId, inst as never);
    return imageId;
  });
  marks.metadata = performance.now();

  const host = document.getElementById('views')!;
  const vw = Number(params.get('vw') || 0), vh = Number(params.get('vh') || 0);
  if (vw && vh) {
    host.style.gridTemplateColumns = `${vw}px ${vw}px`;
    host.style.gridTemplateRows = `${vh}px ${vh}px`;
    host.style.width = host.style.height = 'auto';
  }
  const engine = new RenderingEngine('bench');
  const elements: Record<string, HTMLDivElement> = {};
  engine.setViewports(VIEWS.map(({ id, orientation }) => {
    const element = document.createElement('div');
    element.style.width = '100%';
    element.style.height = '100%';
    element.oncontextmenu = (e) => e.preventDefault();
    host.appendChild(element);
    elements[id] = element;
    return { viewportId: id, type: Enums.ViewportType.ORTHOGRAPHIC, element, defaultOptions: { orientation, background: [0, 0, 0] as Types.Point3 } };
  }));

  const volumeId = `cornerstoneStreamingImageVolume:bench`;
  const volume = await volumeLoader.createAndCacheVolume(volumeId, { imageIds });
  const axial = elements.axial;
  // First image: the first axial frame drawn with the body at its centre (the phantom's soft tissue
  // is mid-grey in the CT window; before its slice arrives the viewport is black).
  const firstImage = new Promise<void>((resolve) => {
    const onRender = () => {
      if (centreLevel(axial) > 20) {
        marks.firstImage = performance.now();
        axial.removeEventListener(Enums.Events.IMAGE_RENDERED, onRender);
        resolve();
      }
    };
    axial.addEventListener(Enums.Events.IMAGE_RENDERED, onRender);
  });
  const complete = new Promise<void>((resolve) => {
    eventTarget.addEventListener(Enums.Events.IMAGE_VOLUME_LOADING_COMPLETED, () => { marks.complete ??= performance.now(); resolve(); });
  });
  volume.load(() => undefined);
  await setVolumesForViewports(engine, [{
    volumeId,
    callback: ({ volumeActor }) => {
      volumeActor.getProperty().getRGBTransferFunction(0).setMappingRange(40 - 200, 40 + 200);
    },
  }], VIEWS.map((v) => v.id));
  engine.render();
  marks.viewportsReady = performance.now();
  await Promise.all([firstImage, complete]);
  // One more frame so the whole volume is drawn before anything is timed.
  const done = rendered(axial);
  engine.render();
  await done;

  const viewport = (id: string) => engine.getViewport(id) as Types.IVolumeViewport;
  const api = {
    marks,
    dimensions: volume.dimensions,
    /** Scroll the axial view by one slice and wait for the frame. */
    scroll: async (delta: number) => {
      const drawn = rendered(axial);
      viewport('axial').scroll(delta);
      await drawn;
    },
    /** Turn the axial view's camera about its view-up axis by `deg` and wait for the frame (an oblique plane). */
    rotate: async (deg: number) => {
      const vp = viewport('axial');
      const { viewPlaneNormal, viewUp, focalPoint, position } = vp.getCamera();
      const a = (deg * Math.PI) / 180, c = Math.cos(a), s = Math.sin(a);
      const [ux, uy, uz] = viewUp!, [nx, ny, nz] = viewPlaneNormal!;
      // Rodrigues: rotate the normal about viewUp.
      const dot = ux * nx + uy * ny + uz * nz;
      const cx = uy * nz - uz * ny, cy = uz * nx - ux * nz, cz = ux * ny - uy * nx;
      const n: Types.Point3 = [nx * c + cx * s + ux * dot * (1 - c), ny * c + cy * s + uy * dot * (1 - c), nz * c + cz * s + uz * dot * (1 - c)];
      const dist = Math.hypot(position![0] - focalPoint![0], position![1] - focalPoint![1], position![2] - focalPoint![2]);
      const drawn = rendered(axial);
      vp.setCamera({ viewPlaneNormal: n, viewUp, focalPoint, position: [focalPoint![0] + n[0] * dist, focalPoint![1] + n[1] * dist, focalPoint![2] + n[2] * dist] });
      vp.render();
      await drawn;
    },
  };
  (window as unknown as { __cs: typeof api }).__cs = api;
}

main().catch((e) => {
  (window as unknown as { __csError: string }).__csError = e instanceof Error ? `${e.message}\n${e.stack}` : String(e);
  console.error(e);
});
