"""The scipy.ndimage peer of `npm run bench -- segment`: the same operations on the same raw
volumes, timed without file IO. argv: work dir (holds job.json and the raw inputs). Prints one JSON
line of timings (ms, per run) and writes each result as <op>.out.raw for the Dice check."""
import json, sys, time
import numpy as np
from scipy import ndimage

work = sys.argv[1]
job = json.load(open(f"{work}/job.json"))
nx, ny, nz = job["dims"]
sx, sy, sz = job["spacing"]
shape = (nz, ny, nx)  # voxel (i, j, k) at i + nx*(j + ny*k): C order (k, j, i)
ct = np.fromfile(f"{work}/ct.raw", dtype=np.int16).reshape(shape)
liver = np.fromfile(f"{work}/liver.raw", dtype=np.uint8).reshape(shape).astype(bool)
bone = np.fromfile(f"{work}/bone.raw", dtype=np.uint8).reshape(shape).astype(bool)
seed = tuple(job["seedKji"])


def region_grow():
    inside = (ct >= job["lo"]) & (ct <= job["hi"])
    labels, _ = ndimage.label(inside)  # 6-connectivity (the default cross)
    return labels == labels[seed]


def keep_largest():
    labels, n = ndimage.label(bone)
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    return labels == sizes.argmax()


def margin():
    d = ndimage.distance_transform_edt(~liver, sampling=(sz, sy, sx))
    return d <= job["marginMm"]


ops = {"region-grow": region_grow, "islands": keep_largest, "margin": margin}
out = {}
for name, fn in ops.items():
    times = []
    for _ in range(job["runs"]):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    result.astype(np.uint8).tofile(f"{work}/{name}.out.raw")
    out[name] = times
print(json.dumps(out))
