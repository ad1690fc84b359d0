"""Dump one batch before and after mixing, for `cutmix audit`.

    from cutmix_dump import dump_batch
    dump_batch("dump/", images_before, images_after, labels, targets, classes=None)

writes the folder that `cutmix audit DIR` reads:

    DIR/before/<name>.png   the batch before mixing
    DIR/after/<name>.png    the same names, right after mixing
    DIR/labels.csv          "index,label": the hard class of each element
    DIR/targets.csv         "index", then one column per class: the soft targets
    DIR/classes.txt         the class names, when given

Images may be NumPy arrays or PyTorch tensors, NCHW or NHWC (or NHW for
gray), uint8, uint16, or float in [0, 1]. Float batches are written as 16-bit
PNG (value * 65535, rounded), so a blend keeps its lam to about 1e-5. The
images are written as they are: dump them right after mixing, before any
normalisation. NumPy only; OpenCV or Pillow write the PNGs when one is
installed, else the small PNG writer below does.
"""

import os
import struct
import zlib

import numpy as np

__all__ = ["dump_batch"]


def _array(x):
    """A NumPy array from an array or a tensor (detached, on the CPU)."""
    if hasattr(x, "detach"):
        x = x.detach().cpu().numpy()
    return np.asarray(x)


def _to_nhwc(x, layout):
    x = _array(x)
    if x.ndim == 3:  # N, H, W: gray
        return x[..., None]
    if x.ndim != 4:
        raise ValueError("a batch of images has 3 or 4 dimensions (N, C, H, W or N, H, W, C), got %r" % (x.shape,))
    if layout is None:
        # PyTorch's layout when the second axis looks like channels.
        layout = "NCHW" if x.shape[1] in (1, 3, 4) else "NHWC"
    if layout == "NCHW":
        x = x.transpose(0, 2, 3, 1)
    elif layout != "NHWC":
        raise ValueError("layout must be 'NCHW' or 'NHWC', got %r" % (layout,))
    if x.shape[3] not in (1, 3, 4):
        raise ValueError("images need 1, 3 or 4 channels, got %d (is the layout right?)" % x.shape[3])
    return np.ascontiguousarray(x)


def _to_integer(x, name):
    """uint8 and uint16 stay; float in [0, 1] becomes 16-bit."""
    if x.dtype == np.uint8 or x.dtype == np.uint16:
        return x
    if np.issubdtype(x.dtype, np.floating):
        lo, hi = float(np.min(x)), float(np.max(x))
        if lo < -1e-6 or hi > 1 + 1e-6:
            raise ValueError(
                "%s: float images must be in [0, 1] (got %g to %g); dump them before normalisation" % (name, lo, hi))
        return np.rint(np.clip(x.astype(np.float64), 0, 1) * 65535).astype(np.uint16)
    raise ValueError("%s: images must be uint8, uint16 or float in [0, 1], got %s" % (name, x.dtype))


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
    return _write_png_builtin


def _write_atomic(path, write):
    """Through a hidden temporary name with the same extension (the encoders
    go by it), renamed when complete: never a half-written file."""
    folder, name = os.path.split(path)
    tmp = os.path.join(folder, ".part-" + name)
    write(tmp)
    os.replace(tmp, path)


def _csv_field(s):
    s = str(s)
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\n') else s


def dump_batch(dir, before, after, labels, targets, classes=None, layout=None, writer=None):
    """Write one batch for `cutmix audit DIR`.

    before, after: the batch before and right after mixing (N images each).
    labels: the N hard class indices before mixing (or one-hot rows).
    targets: the N x K soft targets the pipeline produced.
    classes: optional K class names.
    layout: 'NCHW' or 'NHWC' when the shape does not tell.
    writer: 'opencv', 'pillow' or 'builtin' (default: the first available).
    """
    b = _to_integer(_to_nhwc(before, layout), "before")
    a = _to_integer(_to_nhwc(after, layout), "after")
    if b.shape != a.shape:
        raise ValueError("before and after differ in shape: %r and %r" % (b.shape, a.shape))
    if b.dtype != a.dtype:
        raise ValueError("before and after differ in type: %s and %s" % (b.dtype, a.dtype))
    n = b.shape[0]
    y = _array(labels)
    if y.ndim == 2:
        y = y.argmax(axis=1)
    y = y.astype(np.int64).reshape(-1)
    t = _array(targets).astype(np.float64)
    if t.ndim != 2 or t.shape[0] != n:
        raise ValueError("targets must be N x K with N = %d, got %r" % (n, t.shape))
    if y.shape[0] != n:
        raise ValueError("labels must have %d entries, got %d" % (n, y.shape[0]))
    k = t.shape[1]
    if y.min() < 0 or y.max() >= k:
        raise ValueError("labels must be class indices in [0, %d)" % k)
    if classes is not None and len(classes) != k:
        raise ValueError("%d class names for %d target columns" % (len(classes), k))
    for sub in ("before", "after"):
        folder = os.path.join(dir, sub)
        os.makedirs(folder, exist_ok=True)
        if os.listdir(folder):
            raise FileExistsError(folder + " is not empty: dump into a new folder")
    write = _writer(writer)
    width = max(3, len(str(n - 1)))
    for i in range(n):
        name = "%0*d.png" % (width, i)
        for sub, batch in (("before", b), ("after", a)):
            path = os.path.join(dir, sub, name)
            _write_atomic(path, lambda tmp, img=batch[i]: write(tmp, img))
    def text(name, lines):
        _write_atomic(os.path.join(dir, name), lambda tmp: open(tmp, "w").write("".join(l + "\n" for l in lines)))
    text("labels.csv", ["index,label"] + ["%d,%d" % (i, y[i]) for i in range(n)])
    header = "index," + ",".join(_csv_field(c) for c in (classes if classes is not None else range(k)))
    text("targets.csv", [header] + [str(i) + "," + ",".join(repr(float(v)) for v in t[i]) for i in range(n)])
    if classes is not None:
        text("classes.txt", list(classes))
