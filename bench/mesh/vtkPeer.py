"""The VTK 9 peer of `npm run bench -- mesh` (Debian python3-vtk9): per label of the same raw label
map, vtkDiscreteFlyingEdges3D -> vtkWindowedSincPolyDataFilter -> vtkQuadricDecimation ->
vtkPolyDataNormals, timed without file IO. Then, untimed, the symmetric Hausdorff distance
(point-to-cell, vtkHausdorffDistancePointSetFilter) between each of its meshes and Voxa's.

argv: work dir holding job.json (dims, spacing, origin, labels, smoothing, decimation, runs),
labels.raw (uint8, voxel (i, j, k) at i + nx*(j + ny*k)) and voxa_<label>.{pos,idx}.raw. Prints
one JSON line: {"ms": [per run], "labels": {label: {"triangles", "volume", "openEdges" (boundary + non-manifold), "hausdorff", "meanDistance"}}}."""
import json, sys, time
import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk, numpy_to_vtkIdTypeArray, vtk_to_numpy
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkImageData, vtkPolyData
from vtkmodules.vtkFiltersCore import vtkFeatureEdges, vtkMassProperties, vtkPolyDataNormals, vtkQuadricDecimation, vtkWindowedSincPolyDataFilter
from vtkmodules.vtkFiltersGeneral import vtkDiscreteFlyingEdges3D
from vtkmodules.vtkFiltersModeling import vtkHausdorffDistancePointSetFilter

work = sys.argv[1]
job = json.load(open(f"{work}/job.json"))
nx, ny, nz = job["dims"]
labels = np.fromfile(f"{work}/labels.raw", dtype=np.uint8)

image = vtkImageData()
image.SetDimensions(nx, ny, nz)
image.SetSpacing(*job["spacing"])
image.SetOrigin(*job["origin"])
image.GetPointData().SetScalars(numpy_to_vtk(labels, deep=True))


def mesh_label(value):
    fe = vtkDiscreteFlyingEdges3D()
    fe.SetInputData(image)
    fe.SetValue(0, value)
    fe.ComputeNormalsOff()
    fe.ComputeGradientsOff()
    fe.ComputeScalarsOff()
    ws = vtkWindowedSincPolyDataFilter()
    ws.SetInputConnection(fe.GetOutputPort())
    ws.SetNumberOfIterations(job["iterations"])
    ws.SetPassBand(job["passBand"])
    ws.NormalizeCoordinatesOn()
    ws.BoundarySmoothingOff()
    ws.FeatureEdgeSmoothingOff()
    ws.NonManifoldSmoothingOn()
    qd = vtkQuadricDecimation()
    qd.SetInputConnection(ws.GetOutputPort())
    qd.SetTargetReduction(1 - job["keepRatio"])
    nm = vtkPolyDataNormals()
    nm.SetInputConnection(qd.GetOutputPort())
    nm.SplittingOff()
    nm.Update()
    return nm.GetOutput()


times, meshes = [], {}
for _ in range(job["runs"]):
    t = time.perf_counter()
    meshes = {v: mesh_label(v) for v in job["labels"]}
    times.append((time.perf_counter() - t) * 1000)


def voxa_mesh(value):
    pos = np.fromfile(f"{work}/voxa_{value}.pos.raw", dtype=np.float32).reshape(-1, 3).astype(np.float64)
    idx = np.fromfile(f"{work}/voxa_{value}.idx.raw", dtype=np.uint32).reshape(-1, 3)
    points = vtkPoints()
    points.SetData(numpy_to_vtk(pos, deep=True))
    conn = np.hstack([np.full((len(idx), 1), 3, dtype=np.int64), idx.astype(np.int64)]).ravel()
    cells = vtkCellArray()
    cells.SetCells(len(idx), numpy_to_vtkIdTypeArray(conn, deep=True))
    poly = vtkPolyData()
    poly.SetPoints(points)
    poly.SetPolys(cells)
    return poly


out = {}
for v, mesh in meshes.items():
    hd = vtkHausdorffDistancePointSetFilter()
    hd.SetInputData(0, voxa_mesh(v))
    hd.SetInputData(1, mesh)
    hd.SetTargetDistanceMethodToPointToCell()
    hd.Update()
    a = vtk_to_numpy(hd.GetOutput(0).GetPointData().GetArray("Distance"))
    b = vtk_to_numpy(hd.GetOutput(1).GetPointData().GetArray("Distance"))
    fe = vtkFeatureEdges()
    fe.SetInputData(mesh)
    fe.BoundaryEdgesOn()
    fe.NonManifoldEdgesOn()
    fe.FeatureEdgesOff()
    fe.ManifoldEdgesOff()
    fe.Update()
    mp = vtkMassProperties()
    mp.SetInputData(mesh)
    mp.Update()
    out[v] = {
        "triangles": mesh.GetNumberOfPolys(),
        "volume": float(mp.GetVolume()),
        "openEdges": fe.GetOutput().GetNumberOfLines(),
        "hausdorff": float(hd.GetHausdorffDistance()),
        "meanDistance": float((a.sum() + b.sum()) / (len(a) + len(b))),
    }
print(json.dumps({"ms": times, "labels": out}))
