"""Dump batches before and after mixing, for `cutmix audit`.

    from cutmix_dump import dump_batch, Recorder, CollateRecorder, check_batch

    dump_batch("dump/", before, after, labels, targets)   # one batch
    mix = Recorder(mixup_fn, "dumps/", every=100)          # every 100th call of a mixing function
    collate = CollateRecorder(FastCollateMixup(...), "dumps/")  # timm's mixing collate
    check_batch(before, after, labels, targets)            # in a unit test: AssertionError if flagged
    dump_mosaic("mosaics/", tiles, tile_boxes, mosaic, mosaic_boxes)  # one Mosaic sample, added to DIR

The folder `dump_batch` writes (format version 2, docs/audit-dump.md):

    DIR/before/<name>.png|.npy  the batch before mixing, one file per element
    DIR/after/<name>.png|.npy   the same names, right after mixing
    DIR/labels.csv              "index,label": the hard class of each element
    DIR/targets.csv             "index", then one column per class: the soft targets
    DIR/classes.txt             the class names, when given
    DIR/dump.json               the format version, dtype, layout, mean/std, torch version

uint8 and uint16 batches are PNG (8 or 16 bit). Float batches (float16,
bfloat16, float32, float64; any range, normalised or not) are one NPY file
per element, H x W x C, holding the values bit for bit as the batch held them
(bfloat16 as its raw 16 bits, '<u2'). Images may be NumPy arrays or PyTorch
tensors (CPU or GPU), NCHW, NHWC or NHW. NumPy is the only import; PyTorch is
used when tensors are given, OpenCV or Pillow write the PNGs when installed
(else the small PNG writer below does).
"""

import concurrent.futures
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import uuid
import zlib

import numpy as np

__all__ = ["dump_batch", "dump_mosaic", "Recorder", "CollateRecorder", "check_batch", "AuditError",
           "FORMAT_VERSION"]

FORMAT_VERSION = 2

# dtype name in dump.json -> the dtype of the stored NPY array
_FLOAT_STORAGE = {"float16": "<f2", "bfloat16": "<u2", "float32": "<f4", "float64": "<f8"}
_LAYOUTS = ("NCHW", "NHWC", "NHW")


# ---- turning a batch into arrays


_LOADED = object()  # torch_version default: the loaded PyTorch's version


def _torch_version_of():
    """The loaded PyTorch's version, or None."""
    torch = sys.modules.get("torch")
    if torch is None:
        return None
    return str(getattr(torch, "__version__", None) or "") or None


def _is_tensor(x):
    return hasattr(x, "detach") and hasattr(x, "dtype") and hasattr(x, "cpu")


def _images(x, name):
    """A NumPy array and its dtype name from an array or a tensor (detached,
    on the CPU). bfloat16 comes back as its raw bits in uint16."""
    if _is_tensor(x):
        x = x.detach().cpu()
        if str(x.dtype) == "torch.bfloat16":
            import torch

            return x.contiguous().view(torch.int16).numpy().view(np.uint16), "bfloat16"
        x = x.numpy()
    x = np.asarray(x)
    if x.dtype.name == "bfloat16" and x.dtype.itemsize == 2:  # ml_dtypes' bfloat16
        return x.view(np.uint16), "bfloat16"
    if x.dtype in (np.uint8, np.uint16, np.float16, np.float32, np.float64):
        return x, x.dtype.name
    raise ValueError(
        "%s: images must be uint8, uint16, float16, bfloat16, float32 or float64, got %s" % (name, x.dtype))


def _to_nhwc(x, layout, dtype, name):
    """(N, H, W, C) in C order and the input layout."""
    if x.ndim == 3:
        if layout not in (None, "NHW"):
            raise ValueError("%s: 3 dimensions is the layout NHW (gray), not %s" % (name, layout))
        return np.ascontiguousarray(x[..., None]), "NHW"
    if x.ndim != 4:
        raise ValueError("%s: a batch of images has 3 or 4 dimensions (N, C, H, W or N, H, W, C or N, H, W), got %r"
                         % (name, x.shape))
    if layout is None:
        # PyTorch's layout when the second axis looks like channels.
        layout = "NCHW" if x.shape[1] in (1, 3, 4) else "NHWC"
    if layout == "NCHW":
        x = x.transpose(0, 2, 3, 1)
    elif layout != "NHWC":
        raise ValueError("layout must be one of %s, got %r" % (", ".join(_LAYOUTS), layout))
    if x.shape[3] < 1:
        raise ValueError("%s: images need at least one channel" % name)
    if dtype in ("uint8", "uint16") and x.shape[3] not in (1, 3, 4):
        raise ValueError("%s: PNG images need 1, 3 or 4 channels, got %d (is the layout right?)" % (name, x.shape[3]))
    return np.ascontiguousarray(x), layout


def _as_float(x, dtype):
    """The values of a float batch as float32/float64 for checking (bfloat16 from its bits)."""
    if dtype == "bfloat16":
        return (x.astype(np.uint32) << 16).view(np.float32)
    return x


def _refuse_non_finite(x, dtype, name):
    v = _as_float(x, dtype)
    bad = ~np.isfinite(v)
    if bad.any():
        n, r, c, ch = (int(k) for k in np.argwhere(bad)[0])
        raise ValueError(
            "%s: element %d holds %s at row %d, column %d, channel %d (%d non-finite values in the batch); a dump "
            "holds finite values only" % (name, n, v[n, r, c, ch], r, c, ch, int(bad.sum())))


def _numbers(values, what):
    if values is None:
        return None
    if _is_tensor(values):
        values = values.detach().cpu().double().numpy()
    out = [float(v) for v in np.asarray(values, dtype=np.float64).reshape(-1)]
    if not all(np.isfinite(out)):
        raise ValueError("%s must be finite numbers, got %r" % (what, out))
    return out


def _plain(x):
    """A NumPy array from a tensor (any dtype) or an array-like."""
    if _is_tensor(x):
        x = x.detach().cpu()
        if str(x.dtype) == "torch.bfloat16":
            x = x.float()
        x = x.numpy()
    return np.asarray(x)


def _boxes(boxes, n, k, name):
    """Per element an (M, 5) float64 array of rows [class, cx, cy, w, h]
    (normalised to the element's image), from a list of N lists / arrays /
    tensors; None stays None. Refuses other shapes, non-finite numbers,
    classes that are not whole numbers in [0, k), sizes <= 0 and boxes
    outside [0, 1], naming the element and the row."""
    if boxes is None:
        return None
    if _is_tensor(boxes) or isinstance(boxes, np.ndarray):
        boxes = list(boxes)
    boxes = list(boxes)
    if len(boxes) != n:
        raise ValueError("%s must have one entry per element (%d), got %d" % (name, n, len(boxes)))
    out = []
    for i, b in enumerate(boxes):
        a = _plain(b if b is not None else []).astype(np.float64)
        if a.size == 0:
            out.append(np.zeros((0, 5)))
            continue
        if a.ndim != 2 or a.shape[1] != 5:
            raise ValueError("%s: element %d must be rows [class, cx, cy, w, h], got shape %r" % (name, i, a.shape))
        for r, row in enumerate(a):
            where = "%s: element %d, row %d" % (name, i, r)
            if not np.all(np.isfinite(row)):
                raise ValueError(where + ": %r is not finite" % (row.tolist(),))
            c, cx, cy, w, h = row
            if c != np.floor(c) or c < 0 or c >= k:
                raise ValueError(where + ": class %r is not a whole number in [0, %d)" % (c, k))
            if w <= 0 or h <= 0:
                raise ValueError(where + ": the width and height must be > 0")
            eps = 1e-6
            if cx - w / 2 < -eps or cy - h / 2 < -eps or cx + w / 2 > 1 + eps or cy + h / 2 > 1 + eps:
                raise ValueError(where + ": the box lies outside the image (coordinates are normalised to [0, 1])")
        out.append(a)
    return out


class _Batch:
    """A checked batch, ready to write: NHWC arrays, labels, targets and the
    facts for dump.json."""

    def __init__(self, before, after, labels, targets, classes=None, layout=None, mean=None, std=None,
                 torch_version=_LOADED, boxes_before=None, boxes_after=None):
        b, dtype_b = _images(before, "before")
        a, dtype_a = _images(after, "after")
        if dtype_b != dtype_a:
            raise ValueError("before and after differ in type: %s and %s" % (dtype_b, dtype_a))
        b, layout_b = _to_nhwc(b, layout, dtype_b, "before")
        a, layout_a = _to_nhwc(a, layout, dtype_a, "after")
        if b.shape != a.shape or layout_b != layout_a:
            raise ValueError("before and after differ in shape: %r and %r (as N, H, W, C)" % (b.shape, a.shape))
        if dtype_b in _FLOAT_STORAGE:
            _refuse_non_finite(b, dtype_b, "before")
            _refuse_non_finite(a, dtype_a, "after")
        n = b.shape[0]
        if n < 1:
            raise ValueError("the batch is empty")
        y = _plain(labels)
        if y.ndim == 2:
            y = y.argmax(axis=1)
        y = y.reshape(-1)
        if y.shape[0] != n:
            raise ValueError("labels must have %d entries, got %d" % (n, y.shape[0]))
        as_float = y.astype(np.float64)
        if not np.all(np.isfinite(as_float)) or np.any(as_float != np.floor(as_float)):
            raise ValueError("labels must be class indices (whole numbers), or one-hot rows")
        y = y.astype(np.int64)
        t = _plain(targets).astype(np.float64)
        if t.ndim != 2 or t.shape[0] != n:
            raise ValueError("targets must be N x K with N = %d, got %r" % (n, t.shape))
        if not np.all(np.isfinite(t)):
            i, c = (int(k) for k in np.argwhere(~np.isfinite(t))[0])
            raise ValueError("targets: element %d, class %d is %s; targets must be finite" % (i, c, t[i, c]))
        k = t.shape[1]
        if y.min() < 0 or y.max() >= k:
            raise ValueError("labels must be class indices in [0, %d)" % k)
        if classes is not None:
            classes = [str(c) for c in classes]
            if len(classes) != k:
                raise ValueError("%d class names for %d target columns" % (len(classes), k))
            for c in classes:
                if not c or "\n" in c or "\r" in c:
                    raise ValueError("class names must be non-empty single lines, got %r" % c)
        self.before, self.after, self.labels, self.targets, self.classes = b, a, y, t, classes
        self.dtype, self.layout = dtype_b, layout_b
        self.mean, self.std = _numbers(mean, "mean"), _numbers(std, "std")
        for what, v in (("mean", self.mean), ("std", self.std)):
            if v is not None and len(v) not in (1, b.shape[3]):
                raise ValueError("%s has %d values for %d channels" % (what, len(v), b.shape[3]))
        self.torch_version = _torch_version_of() if torch_version is _LOADED else torch_version
        if (boxes_before is None) != (boxes_after is None):
            raise ValueError("give both boxes_before and boxes_after, or neither")
        self.boxes_before = _boxes(boxes_before, n, k, "boxes_before")
        self.boxes_after = _boxes(boxes_after, n, k, "boxes_after")

    def info(self):
        return {"cutmix_dump": FORMAT_VERSION, "dtype": self.dtype, "mean": self.mean, "std": self.std,
                "torch_version": self.torch_version, "layout": self.layout}


# ---- writing files


def _png_chunk(kind, data):
    chunk = kind + data
    return struct.pack(">I", len(data)) + chunk + struct.pack(">I", zlib.crc32(chunk) & 0xFFFFFFFF)


def _write_png_builtin(path, img):
    """A PNG of an H x W x C uint8/uint16 array (C = 1, 3 or 4), RGB order."""
    h, w, c = img.shape
    depth = 16 if img.dtype == np.uint16 else 8
    colour = {1: 0, 3: 2, 4: 6}[c]
    data = img.astype(">u2") if depth == 16 else img
    rows = data.reshape(h, -1).view(np.uint8).reshape(h, -1)
    raw = np.concatenate([np.zeros((h, 1), np.uint8), rows], axis=1).tobytes()  # filter 0 per row
    png = b"\x89PNG\r\n\x1a\n"
    png += _png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, colour, 0, 0, 0))
    png += _png_chunk(b"IDAT", zlib.compress(raw, 6))
    png += _png_chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def _writer(name):
    if name in (None, "opencv"):
        try:
            import cv2

            def write(path, img):
                bgr = img[..., ::-1] if img.shape[2] == 3 else (img[..., [2, 1, 0, 3]] if img.shape[2] == 4 else img)
                if not cv2.imwrite(path, np.ascontiguousarray(bgr)):
                    raise OSError("cannot write " + path)
            return write
        except ImportError:
            if name == "opencv":
                raise
    if name in (None, "pillow"):
        try:
            from PIL import Image

            def write(path, img):
                if img.dtype == np.uint16 and img.shape[2] != 1:
                    _write_png_builtin(path, img)  # Pillow has no 16-bit RGB
                else:
                    Image.fromarray(img[..., 0] if img.shape[2] == 1 else img).save(path)
            return write
        except ImportError:
            if name == "pillow":
                raise
    if name not in (None, "builtin"):
        raise ValueError("writer must be 'opencv', 'pillow' or 'builtin', got %r" % (name,))
    return _write_png_builtin


def _write_npy(path, img, storage):
    """NPY 1.0, C order, little-endian: the values exactly (astype only changes
    the byte order on a big-endian machine)."""
    arr = np.ascontiguousarray(img.astype(storage, copy=False))
    with open(path, "wb") as f:
        np.lib.format.write_array(f, arr, version=(1, 0), allow_pickle=False)


def _write_atomic(path, write):
    """Through a hidden temporary name with the same extension (the encoders
    go by it), renamed when complete: never a half-written file."""
    folder, name = os.path.split(path)
    tmp = os.path.join(folder, ".part-" + name)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def _csv_field(s):
    s = str(s)
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\n') else s


def _write_text(path, lines):
    def write(tmp):
        with open(tmp, "w", newline="\n") as f:
            f.write("".join(line + "\n" for line in lines))
    _write_atomic(path, write)


def _element_name(i, n, ext):
    return "%0*d%s" % (max(3, len(str(n - 1))), i, ext)


def _write_files(folder, batch, writer):
    """Every file of a dump into `folder`, whose before/ and after/ are empty."""
    n = batch.before.shape[0]
    if batch.dtype in _FLOAT_STORAGE:
        storage = _FLOAT_STORAGE[batch.dtype]
        ext = ".npy"

        def write(tmp, img):
            _write_npy(tmp, img, storage)
    else:
        ext = ".png"
        write = _writer(writer)
    for sub in ("before", "after"):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
    for i in range(n):
        name = _element_name(i, n, ext)
        for sub, images in (("before", batch.before), ("after", batch.after)):
            _write_atomic(os.path.join(folder, sub, name), lambda tmp, img=images[i]: write(tmp, img))
    k = batch.targets.shape[1]
    _write_text(os.path.join(folder, "labels.csv"), ["index,label"] + ["%d,%d" % (i, batch.labels[i]) for i in range(n)])
    header = "index," + ",".join(_csv_field(c) for c in (batch.classes if batch.classes is not None else range(k)))
    rows = [str(i) + "," + ",".join(repr(float(v)) for v in batch.targets[i]) for i in range(n)]
    _write_text(os.path.join(folder, "targets.csv"), [header] + rows)
    if batch.classes is not None:
        _write_text(os.path.join(folder, "classes.txt"), batch.classes)
    _write_text(os.path.join(folder, "dump.json"), [json.dumps(batch.info(), indent=2)])
    if batch.boxes_before is not None:
        for sub, boxes in (("boxes_before", batch.boxes_before), ("boxes_after", batch.boxes_after)):
            os.makedirs(os.path.join(folder, sub), exist_ok=True)
            for i in range(n):
                if len(boxes[i]):
                    rows = ["%d %s %s %s %s" % ((int(r[0]),) + tuple(repr(float(v)) for v in r[1:]))
                            for r in boxes[i]]
                    _write_text(os.path.join(folder, sub, _element_name(i, n, ".txt")), rows)


def _hidden_sibling(path, what):
    parent, name = os.path.split(os.path.abspath(path))
    return os.path.join(parent, ".%s.%s-%d-%s" % (name, what, os.getpid(), uuid.uuid4().hex[:8]))


def _publish(tmp, final):
    """Rename the finished folder `tmp` to `final`. An empty folder there is
    replaced by the rename itself; a folder with files (a step folder of an
    earlier run with the same number) is moved aside first and removed."""
    try:
        os.replace(tmp, final)
        return
    except OSError:
        if not os.path.isdir(final) or not os.listdir(final):
            raise
    old = _hidden_sibling(final, "old")
    os.replace(final, old)
    os.replace(tmp, final)
    shutil.rmtree(old, ignore_errors=True)


def _write_dump(dir, batch, writer):
    """A dump folder that appears whole when DIR is new or empty: written under
    a hidden sibling name and renamed. A DIR with other files in it is written
    into, file by file (each file atomically)."""
    dir = os.fspath(dir)
    if os.path.isdir(dir) and os.listdir(dir):
        for sub in ("before", "after", "boxes_before", "boxes_after"):
            folder = os.path.join(dir, sub)
            if os.path.isdir(folder) and os.listdir(folder):
                raise FileExistsError(folder + " is not empty: dump into a new folder")
        _write_files(dir, batch, writer)
        return
    if os.path.exists(dir) and not os.path.isdir(dir):
        raise FileExistsError(dir + " exists and is not a folder")
    parent = os.path.dirname(os.path.abspath(dir))
    os.makedirs(parent, exist_ok=True)
    tmp = _hidden_sibling(dir, "part")
    os.mkdir(tmp)
    try:
        _write_files(tmp, batch, writer)
        os.replace(tmp, dir)  # onto a missing or an empty folder
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def dump_batch(dir, before, after, labels, targets, classes=None, layout=None, writer=None, mean=None, std=None,
               torch_version=_LOADED, boxes_before=None, boxes_after=None):
    """Write one batch for `cutmix audit DIR` (format: docs/audit-dump.md).

    before, after: the batch before and right after mixing (N images each),
        NumPy arrays or tensors; uint8, uint16, float16, bfloat16, float32 or
        float64, of any range. Both have the same dtype and shape. Float values
        are stored exactly; NaN or inf is refused (ValueError naming the
        element and the position).
    labels: the N hard class indices before mixing (or one-hot/soft rows,
        whose largest entry is the class).
    targets: the N x K soft targets the pipeline produced.
    classes: optional K class names.
    layout: 'NCHW', 'NHWC' or 'NHW' when the shape does not tell.
    writer: PNG writer, 'opencv', 'pillow' or 'builtin' (default: the first available).
    mean, std: the normalisation of a float batch (per channel), stored for display only.
    torch_version: the PyTorch version that mixed the batch, a string or None
        (default: the version of the torch this process has loaded, else None);
        the audit may use it for half precision, whose rounding changed.
    boxes_before, boxes_after: a detection batch's boxes before and after
        mixing, both or neither: per element (a list of N) a list, array or
        tensor of rows [class, cx, cy, w, h], normalised to the image (YOLO),
        classes in [0, K); an element without objects has an empty entry.
        Written as boxes_before/<name>.txt and boxes_after/<name>.txt; the
        audit then checks every box (docs/audit-dump.md). Non-finite numbers,
        other shapes, sizes <= 0 and boxes outside the image are refused
        (ValueError naming the element and the row).

    DIR must be new, empty, or without files in before/ and after/. When DIR is
    new or empty, the dump appears whole (written under a hidden name, renamed).
    """
    batch = _Batch(before, after, labels, targets, classes, layout, mean, std, torch_version, boxes_before,
                   boxes_after)
    _write_dump(dir, batch, writer)


# ---- Mosaic samples


def _image_hwc(x, name):
    """One uint8/uint16 image as an H x W x C array (C = 1, 3 or 4)."""
    a, dtype = _images(x, name)
    if dtype not in ("uint8", "uint16"):
        raise ValueError("%s: a Mosaic dump holds uint8 or uint16 images (PNG), got %s" % (name, dtype))
    if a.ndim == 2:
        a = a[..., None]
    if a.ndim != 3 or a.shape[2] not in (1, 3, 4) or a.shape[0] < 1 or a.shape[1] < 1:
        raise ValueError("%s: an image is H x W or H x W x C with C = 1, 3 or 4, got shape %r" % (name, a.shape))
    return np.ascontiguousarray(a), dtype


def _claim_sample(dir):
    """The next free sample number of a Mosaic dump folder, claimed with a
    hidden file so that several processes never take the same one."""
    after = os.path.join(dir, "after")
    taken = set()
    for entry in os.listdir(after):
        stem = os.path.splitext(entry.lstrip("."))[0]
        digits = stem.rsplit("-", 1)[-1]
        if digits.isdigit():
            taken.add(int(digits))
    n = 0
    while True:
        while n in taken:
            n += 1
        name = "%06d" % n
        try:
            fd = os.open(os.path.join(after, ".claim-" + name), os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            os.close(fd)
            return name
        except FileExistsError:
            taken.add(n)


def dump_mosaic(dir, tiles, tile_boxes, mosaic, mosaic_boxes, classes=None, bgr=False, writer=None):
    """Add one Mosaic sample to DIR for `cutmix audit DIR` (docs/audit-dump.md,
    "Mosaic samples"); returns its name ("000000", "000001", ...).

    tiles: the four images the mosaic was made of, in _mosaic4's order (top
        left, top right, bottom left, bottom right): H x W (x C) uint8 or
        uint16 arrays or tensors, as the mosaic received them (Ultralytics:
        each labels_patch["img"]), or at their original size (the audit
        resizes an image whose long side is not s as load_image does).
    tile_boxes: four lists, arrays or tensors of rows [class, cx, cy, w, h],
        normalised to each tile (YOLO).
    mosaic: the 2s x 2s canvas; mosaic_boxes: its rows [class, cx, cy, w, h],
        normalised to it.
    classes: optional class names (written once, as classes.txt).
    bgr: the images are in OpenCV's BGR order (Ultralytics): written as RGB.

    The sample's tiles and boxes are written first and its mosaic last, each
    file under a hidden name and renamed, so the audit never sees part of it.
    """
    dir = os.fspath(dir)
    if len(tiles) != 4 or len(tile_boxes) != 4:
        raise ValueError("a Mosaic sample has four tiles and four lists of boxes, got %d and %d"
                         % (len(tiles), len(tile_boxes)))
    m, dtype = _image_hwc(mosaic, "mosaic")
    if m.shape[0] != m.shape[1] or m.shape[0] % 2:
        raise ValueError("mosaic: a mosaic is a square of side 2s, got %d x %d" % (m.shape[1], m.shape[0]))
    images = []
    for k, t in enumerate(tiles):
        a, d = _image_hwc(t, "tile %d" % k)
        if d != dtype or a.shape[2] != m.shape[2]:
            raise ValueError("tile %d: %s with %d channels, but the mosaic is %s with %d" % (k, d, a.shape[2], dtype,
                                                                                              m.shape[2]))
        images.append(a)
    k = len(classes) if classes is not None else 2 ** 31
    boxes = _boxes(list(tile_boxes) + [mosaic_boxes], 5, k, "boxes")
    for sub in ("before", "after", "boxes_before", "boxes_after"):
        os.makedirs(os.path.join(dir, sub), exist_ok=True)
    info = os.path.join(dir, "dump.json")
    if os.path.exists(info):
        with open(info) as f:
            old = json.load(f)
        if old.get("kind") != "mosaic" or old.get("dtype") != dtype:
            raise ValueError("%s holds a %s dump of %s, not Mosaic samples of %s"
                             % (dir, old.get("kind", "batch"), old.get("dtype"), dtype))
    else:
        _write_text(info, [json.dumps({"cutmix_dump": FORMAT_VERSION, "kind": "mosaic", "dtype": dtype}, indent=2)])
    if classes is not None and not os.path.exists(os.path.join(dir, "classes.txt")):
        _write_text(os.path.join(dir, "classes.txt"), [str(c) for c in classes])
    write = _writer(writer)
    if bgr:
        images = [a[..., [2, 1, 0, 3][:a.shape[2]]] if a.shape[2] in (3, 4) else a for a in images]
        m = m[..., [2, 1, 0, 3][:m.shape[2]]] if m.shape[2] in (3, 4) else m
    name = _claim_sample(dir)

    def rows(b):
        return ["%d %s %s %s %s" % ((int(r[0]),) + tuple(repr(float(v)) for v in r[1:])) for r in b]

    written = []
    try:
        for t, a in enumerate(images):
            tile = "%s_%d" % (name, t)
            written.append(os.path.join(dir, "before", tile + ".png"))
            _write_atomic(written[-1], lambda tmp, a=a: write(tmp, a))
            if len(boxes[t]):
                written.append(os.path.join(dir, "boxes_before", tile + ".txt"))
                _write_text(written[-1], rows(boxes[t]))
        if len(boxes[4]):
            written.append(os.path.join(dir, "boxes_after", name + ".txt"))
            _write_text(written[-1], rows(boxes[4]))
        _write_atomic(os.path.join(dir, "after", name + ".png"), lambda tmp: write(tmp, m))
    except BaseException:
        for path in written:  # a sample without its mosaic is no sample
            if os.path.exists(path):
                os.remove(path)
        raise
    finally:
        os.remove(os.path.join(dir, "after", ".claim-" + name))
    return name


# ---- recording during training


def _snapshot(x):
    """A copy that later in-place changes of x cannot reach: tensors copied to
    the CPU, arrays copied; tuples and lists element by element."""
    if _is_tensor(x):
        return x.detach().to("cpu", copy=True)
    if isinstance(x, (tuple, list)):
        return type(x)(_snapshot(v) for v in x)
    return np.array(x, copy=True)


class _Steps:
    """Numbered step folders DIR/NNNNNN/ written whole, keeping the newest `keep`."""

    def __init__(self, dir, every, keep, options):
        if int(every) != every or every < 1:
            raise ValueError("every must be a whole number >= 1, got %r" % (every,))
        if keep is not None and (int(keep) != keep or keep < 1):
            raise ValueError("keep must be a whole number >= 1 or None (keep all), got %r" % (keep,))
        self.dir = os.fspath(dir)
        self.every, self.keep = int(every), None if keep is None else int(keep)
        self.options = options
        os.makedirs(self.dir, exist_ok=True)

    def due(self, number):
        return number % self.every == 0

    def folder(self, number):
        return os.path.join(self.dir, "%06d" % number)

    def write(self, number, before, after, labels, targets):
        o = dict(self.options)
        writer = o.pop("writer", None)
        batch = _Batch(before, after, labels, targets, **o)
        final = self.folder(number)
        tmp = _hidden_sibling(final, "part")
        os.mkdir(tmp)
        try:
            _write_files(tmp, batch, writer)
            _publish(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        # Only the folder this numbering drops out of the window: never one
        # that another process, or another run's numbering, still shows. It
        # leaves under a hidden name first, so nobody sees it half deleted.
        if self.keep is not None and number - self.keep * self.every >= 0:
            old = self.folder(number - self.keep * self.every)
            gone = _hidden_sibling(old, "old")
            try:
                os.replace(old, gone)
            except OSError:
                return  # not there (never written, or removed by another worker)
            shutil.rmtree(gone, ignore_errors=True)


class _Background:
    """One writer thread; errors are kept and raised by the next check()."""

    def __init__(self):
        self._pool = None
        self._pending = []
        self._lock = threading.Lock()

    def submit(self, fn, *args):
        with self._lock:
            if self._pool is None:
                self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="cutmix-dump")
            self._pending.append(self._pool.submit(fn, *args))

    def check(self, wait):
        with self._lock:
            pending = list(self._pending)
        if wait:
            concurrent.futures.wait(pending)
        with self._lock:
            done = [f for f in self._pending if f.done()]
            self._pending = [f for f in self._pending if not f.done()]
        for f in done:
            if f.exception() is not None:
                raise RuntimeError("cutmix_dump: writing a dump failed: %s" % (f.exception(),)) from f.exception()

    def __getstate__(self):
        return {}

    def __setstate__(self, state):
        self.__init__()


class Recorder:
    """Wraps a mixing function `(x, y) -> (x, y)` (timm `Mixup`, torchvision v2
    `CutMix`, `MixUp`, `RandomChoice`, or your own) and dumps every `every`-th
    call, counted from 0 (calls 0, every, 2 * every, ...), to DIR/NNNNNN/
    (the call number, 6 digits), keeping the newest `keep` step folders
    (None: all).

        mix = Recorder(Mixup(...), "dumps/", every=100)
        for x, y in loader:
            x, y = mix(x, y)

    On a recorded call, x and y are copied (to the CPU) before the call, since
    timm mixes in place, and the result after it; the step waits for these
    copies only. The files are written by a background thread into a hidden
    folder, renamed to DIR/NNNNNN when complete. The result of the call is
    returned unchanged. `flush()` waits for the pending writes. A failed write
    is raised (RuntimeError) by the next call or by flush(). Other keyword
    arguments (classes, layout, mean, std, writer) go to each dump.
    """

    def __init__(self, mix_fn, dir, every=100, keep=20, **dump_options):
        unknown = set(dump_options) - {"classes", "layout", "mean", "std", "writer"}
        if unknown:
            raise TypeError("unknown dump options: %s" % ", ".join(sorted(unknown)))
        self.mix_fn = mix_fn
        self._steps = _Steps(dir, every, keep, dump_options)
        self._calls = 0
        self._lock = threading.Lock()
        self._background = _Background()

    @property
    def dir(self):
        return self._steps.dir

    @property
    def calls(self):
        """How many calls so far."""
        return self._calls

    def __call__(self, x, y, *args, **kwargs):
        self._background.check(wait=False)
        with self._lock:
            number = self._calls
            self._calls += 1
        if not self._steps.due(number):
            return self.mix_fn(x, y, *args, **kwargs)
        before, labels = _snapshot(x), _snapshot(y)
        result = self.mix_fn(x, y, *args, **kwargs)
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            raise TypeError("Recorder: the mixing function must return (x, y), got %s" % type(result).__name__)
        after, targets = _snapshot(result[0]), _snapshot(result[1])
        self._background.submit(self._steps.write, number, before, after, labels, targets)
        return result

    def flush(self):
        """Wait until every dump so far is written; raise the first failure."""
        self._background.check(wait=True)


class _CallCounter:
    """Numbers the calls of every copy of a CollateRecorder: the main
    process's and each DataLoader worker's (forked or spawned, any epoch).
    The count lives in DIR/.collate-calls under an exclusive flock, so it
    needs no shared memory from the loader's multiprocessing context. Made
    (and reset to 0) when the CollateRecorder is made."""

    def __init__(self, folder):
        self.path = os.path.join(folder, ".collate-calls")
        _write_text(self.path, ["0"])

    def next(self):
        import fcntl

        fd = os.open(self.path, os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            n = int(os.read(fd, 64).decode().strip() or "0")
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, b"%d\n" % (n + 1))
            return n
        finally:
            os.close(fd)  # releases the lock


def _in_loader_worker():
    data = sys.modules.get("torch.utils.data")
    return data is not None and data.get_worker_info() is not None


class CollateRecorder:
    """Wraps a collate function that mixes while it collates, such as timm's
    `FastCollateMixup`, without changing it:

        collate = CollateRecorder(FastCollateMixup(mixup_alpha=0.8, ...), "dumps/", every=100)
        loader = DataLoader(dataset, batch_size=64, collate_fn=collate, num_workers=8)

    The collate gets a list of (image, label) samples (images as uint8 CHW
    arrays or tensors) and returns (mixed batch, targets). On a recorded call
    the un-mixed batch is stacked from the same list *before* the call (timm's
    pair and half modes paste into those arrays in place), the call goes
    through, and the result is returned unchanged. Calls are numbered across
    all worker processes (forked or spawned) and epochs, in the order the
    workers start collating, by a counter file DIR/.collate-calls (so use
    one CollateRecorder per folder); calls 0, every, 2 * every, ... are
    dumped to DIR/NNNNNN/, the newest `keep` kept. In a worker process the dump is written before the collate
    returns, so a batch the loader yields has its dump complete; without
    workers it is written in the background (flush() waits).

    timm's 'half' mode returns half the batch and drops the partners the
    first half was mixed with, so its dump could not explain the mixed
    images: it is refused.
    """

    def __init__(self, collate_fn, dir, every=100, keep=20, **dump_options):
        unknown = set(dump_options) - {"classes", "layout", "mean", "std", "writer"}
        if unknown:
            raise TypeError("unknown dump options: %s" % ", ".join(sorted(unknown)))
        if "half" in str(getattr(collate_fn, "mode", "")):
            raise ValueError("CollateRecorder: FastCollateMixup's 'half' mode drops the partners of the mixed "
                             "elements from the batch, so its dump could not be audited; record another mode")
        self.collate_fn = collate_fn
        self._steps = _Steps(dir, every, keep, dump_options)
        self._counter = _CallCounter(self._steps.dir)
        self._background = _Background()

    @property
    def dir(self):
        return self._steps.dir

    def __call__(self, batch, *args, **kwargs):
        self._background.check(wait=False)
        number = self._counter.next()
        if not self._steps.due(number):
            return self.collate_fn(batch, *args, **kwargs)
        images = [_snapshot(sample[0]) for sample in batch]
        if _is_tensor(images[0]):
            import torch

            before = torch.stack(images)
        else:
            before = np.stack([np.asarray(im) for im in images])
        labels = np.array([int(sample[1]) for sample in batch], dtype=np.int64)
        result = self.collate_fn(batch, *args, **kwargs)
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            raise TypeError("CollateRecorder: the collate function must return (x, y), got %s" % type(result).__name__)
        if len(result[0]) != len(batch):
            raise ValueError("CollateRecorder: the collate returned %d images for %d samples (timm's half mode?): "
                             "the dump could not be audited" % (len(result[0]), len(batch)))
        after, targets = _snapshot(result[0]), _snapshot(result[1])
        if _in_loader_worker():
            self._steps.write(number, before, after, labels, targets)
        else:
            self._background.submit(self._steps.write, number, before, after, labels, targets)
        return result

    def flush(self):
        """Wait for the dumps written in the background (no workers)."""
        self._background.check(wait=True)


# ---- auditing in a test


class AuditError(RuntimeError):
    """`cutmix audit` could not judge the batch: bad arguments, a folder it
    refused, no report, or the program is missing."""


def _flag(name, value):
    flag = "--" + name.replace("_", "-")
    if value is True:
        return [flag]
    if value is False or value is None:
        return []
    if isinstance(value, (list, tuple)):
        value = ",".join(str(v) for v in value)
    elif isinstance(value, float):
        value = repr(value)
    return [flag, str(value)]


def _describe(e):
    cause = e.get("cause")
    return "element %s: %s%s, %s" % (e.get("index"), e.get("verdict"), " (%s)" % cause if cause else "",
                                     e.get("explanation", ""))


def check_batch(before, after, labels, targets, cutmix=None, layout=None, classes=None, boxes_before=None,
                boxes_after=None, **audit_options):
    """Audit one batch with `cutmix audit`, for a unit test of a data pipeline.

    Writes the batch as a dump (dump_batch) into a temporary folder and runs
    `cutmix audit DIR --json FILE` with `audit_options` as its flags
    (lam_rule="drawn" -> --lam-rule drawn, tolerance=1e-3 -> --tolerance 0.001,
    smoothing=0.1, min_visibility=0.2; True for a flag without a value).
    `cutmix` is the program (default: `cutmix` on PATH). layout, classes,
    boxes_before and boxes_after (a detection batch's boxes, as dump_batch
    takes them) go to the dump.

    Returns the report (the JSON as a dict) when every element agrees. Raises
    AssertionError listing every flagged or unexplained element (index,
    verdict, cause, explanation), and AuditError when the audit cannot judge
    (bad arguments, a refused folder, no readable report).
    """
    program = cutmix or shutil.which("cutmix")
    if not program:
        raise AuditError("check_batch: no `cutmix` on PATH; install CutMix Studio or pass cutmix='path/to/cutmix'")
    args = []
    for name, value in audit_options.items():
        args += _flag(name, value)
    with tempfile.TemporaryDirectory(prefix="cutmix-check-") as tmp:
        folder = os.path.join(tmp, "dump")
        report_path = os.path.join(tmp, "report.json")
        dump_batch(folder, before, after, labels, targets, classes=classes, layout=layout, boxes_before=boxes_before,
                   boxes_after=boxes_after)
        try:
            p = subprocess.run([program, "audit", folder, "--json", report_path] + args, capture_output=True,
                               text=True)
        except OSError as e:
            raise AuditError("check_batch: cannot run %s: %s" % (program, e)) from e
        said = (p.stderr + p.stdout).strip()
        if p.returncode == 2:
            raise AuditError("cutmix audit refused the call (exit 2): %s" % said)
        if p.returncode not in (0, 1):
            raise AuditError("cutmix audit failed (exit %d): %s" % (p.returncode, said))
        try:
            with open(report_path) as f:
                report = json.load(f)
            elements = report["elements"]
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise AuditError("cutmix audit (exit %d) left no readable report (%s): %s" % (p.returncode, e, said))
    bad = [e for e in elements if e.get("verdict") != "agree"]
    if bad:
        summary = report.get("summary", {})
        raise AssertionError("cutmix audit: %d of %d elements do not agree with their targets:\n  %s" % (
            len(bad), len(elements), "\n  ".join(_describe(e) for e in bad)) + (
            "\n(partner rule %s, smoothing %s)" % (summary.get("partner_rule"), summary.get("smoothing"))
            if summary else ""))
    if p.returncode != 0:
        raise AuditError("cutmix audit exited %d although every element agrees: %s" % (p.returncode, said))
    return report
