import type { Mat4 } from '@voxa/core';
import { SurfaceScene, ViewportRenderer, VOLUME_RENDER_DEFAULTS, type GpuVolume, type OrbitCamera, type VolumeRenderSettings } from '@voxa/render';
import { rotateAbout, type RenderBenchSetup } from '../renderBenchScene.ts';
import type { BenchView } from './BenchView.ts';

/**
 * Voxa's ray caster as the 3D view draws it: ViewportRenderer.draw of one 3D viewport (the
 * surface pass, here empty, then View3dRenderer's ray cast at full quality).
 */
export class VoxaView implements BenchView {
  readonly name = 'voxa';
  readonly gl: WebGL2RenderingContext;
  private readonly renderer: ViewportRenderer;
  private readonly volume: GpuVolume;
  private readonly surfaces = new SurfaceScene();
  private readonly settings: VolumeRenderSettings;

  constructor(readonly canvas: HTMLCanvasElement, private readonly setup: RenderBenchSetup, voxels: Int16Array) {
    const px = setup.imagePx;
    canvas.width = canvas.height = px;
    canvas.style.width = canvas.style.height = `${px}px`;
    this.renderer = new ViewportRenderer(canvas);
    this.renderer.setSize(px, px, 1);
    this.gl = this.renderer.renderer.getContext() as WebGL2RenderingContext;
    const [nx, ny, nz] = setup.grid.dimensions;
    this.volume = this.renderer.createVolume({ dimensions: setup.grid.dimensions, indexToWorld: Float64Array.from(setup.grid.indexToWorld) as Mat4, voxelType: 'int16' });
    for (let k = 0; k < nz; k++) this.volume.setSlice(k, voxels.subarray(k * nx * ny, (k + 1) * nx * ny));
    const spacing = setup.grid.spacingMm;
    this.settings = {
      ...VOLUME_RENDER_DEFAULTS, mode: 'composite', transferFunction: setup.transferFunction, shading: setup.shading,
      sampleRate: setup.sampleDistanceMm / spacing, quality: 'full',
    };
  }

  render(deg: number): void {
    const c = this.setup.camera;
    const camera: OrbitCamera = { ...c, direction: rotateAbout(c.direction, c.up, deg), projection: 'orthographic' };
    const px = this.setup.imagePx;
    this.renderer.draw([{ rect: { left: 0, top: 0, width: px, height: px }, surfaces: this.surfaces, camera, volume: { volume: this.volume, settings: this.settings } }]);
  }
}
