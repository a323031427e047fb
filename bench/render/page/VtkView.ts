import '@kitware/vtk.js/Rendering/Profiles/Volume';
import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray';
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import vtkPiecewiseFunction from '@kitware/vtk.js/Common/DataModel/PiecewiseFunction';
import vtkColorTransferFunction from '@kitware/vtk.js/Rendering/Core/ColorTransferFunction';
import vtkVolume from '@kitware/vtk.js/Rendering/Core/Volume';
import vtkVolumeMapper from '@kitware/vtk.js/Rendering/Core/VolumeMapper';
import vtkGenericRenderWindow from '@kitware/vtk.js/Rendering/Misc/GenericRenderWindow';
import { rotateAbout, type RenderBenchSetup } from '../renderBenchScene.ts';
import type { BenchView } from './BenchView.ts';

/**
 * vtk.js's GPU ray caster (vtkVolumeMapper in a vtkGenericRenderWindow, as its examples and
 * Cornerstone3D use it): the same voxels, transfer function (colour and opacity points, opacity
 * per 1 mm unit distance), Phong lighting by its headlight, trilinear interpolation, the same
 * sample distance with automatic adjustment off, and a parallel projection of the same height.
 */
export class VtkView implements BenchView {
  readonly name = 'vtkjs';
  readonly canvas: HTMLCanvasElement;
  readonly gl: WebGL2RenderingContext;
  private readonly window: ReturnType<typeof vtkGenericRenderWindow.newInstance>;

  constructor(container: HTMLDivElement, private readonly setup: RenderBenchSetup, voxels: Int16Array) {
    const px = setup.imagePx;
    container.style.width = container.style.height = `${px}px`;
    this.window = vtkGenericRenderWindow.newInstance({ background: [0, 0, 0], listenWindowResize: false });
    this.window.setContainer(container);
    this.window.resize();
    const view = this.window.getApiSpecificRenderWindow() as unknown as { getCanvas(): HTMLCanvasElement; getContext(): WebGL2RenderingContext };
    this.canvas = view.getCanvas();
    this.gl = view.getContext();

    const g = setup.grid;
    const image = vtkImageData.newInstance();
    image.setDimensions(...g.dimensions);
    image.setSpacing([g.spacingMm, g.spacingMm, g.spacingMm]);
    image.setOrigin(g.originLps);
    image.getPointData().setScalars(vtkDataArray.newInstance({ name: 'HU', numberOfComponents: 1, values: voxels }));

    const mapper = vtkVolumeMapper.newInstance();
    mapper.setInputData(image);
    mapper.setBlendModeToComposite();
    mapper.setSampleDistance(setup.sampleDistanceMm);
    mapper.setAutoAdjustSampleDistances(false);
    mapper.setMaximumSamplesPerRay(8192);

    const tf = setup.transferFunction;
    const color = vtkColorTransferFunction.newInstance();
    for (const p of tf.color) color.addRGBPoint(p.value, ...p.rgb);
    const opacity = vtkPiecewiseFunction.newInstance();
    for (const p of tf.opacity) opacity.addPoint(p.value, p.alpha);
    const volume = vtkVolume.newInstance();
    volume.setMapper(mapper);
    const prop = volume.getProperty();
    prop.setRGBTransferFunction(0, color);
    prop.setScalarOpacity(0, opacity);
    prop.setScalarOpacityUnitDistance(0, tf.unitDistanceMm);
    prop.setInterpolationTypeToLinear();
    prop.setShade(true);
    prop.setAmbient(setup.shading.ambient);
    prop.setDiffuse(setup.shading.diffuse);
    prop.setSpecular(setup.shading.specular);
    prop.setSpecularPower(setup.shading.shininess);
    this.window.getRenderer().addVolume(volume);

    const camera = this.window.getRenderer().getActiveCamera();
    camera.setParallelProjection(true);
    camera.setParallelScale(setup.camera.heightMm / 2);
  }

  render(deg: number): void {
    const c = this.setup.camera;
    const d = rotateAbout(c.direction, c.up, deg);
    const distance = 2 * c.heightMm;
    const renderer = this.window.getRenderer();
    const camera = renderer.getActiveCamera();
    camera.setFocalPoint(...c.target);
    camera.setPosition(c.target[0] + d[0] * distance, c.target[1] + d[1] * distance, c.target[2] + d[2] * distance);
    camera.setViewUp(...c.up);
    renderer.resetCameraClippingRange();
    this.window.getRenderWindow().render();
  }
}
