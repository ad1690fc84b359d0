#!/usr/bin/python3
"""Batches mixed the way the libraries' source mixes them, in their own number
types, dumped for `cutmix audit` (dump format 2) with the verdict each element
must get: the test vectors of the audit (issue 20).

Sources (each rule below is transcribed from these files, in our own code):
  timm     huggingface/pytorch-image-models timm/data/mixup.py at
           066e490605ba1d3666861096163246c885603469: Mixup._mix_batch
           (`x_flipped = x.flip(0).mul_(1. - lam); x.mul_(lam).add_(x_flipped)`,
           CutMix `x[:, :, yl:yh, xl:xh] = x.flip(0)[...]`), Mixup._mix_elem
           (`x[i] * lam + x_orig[j] * (1 - lam)` with lam a NumPy float32),
           rand_bbox (`int(img_h * ratio)`, then `cy -/+ cut_h // 2` clipped: an
           unclipped side is `cut // 2 * 2`, an odd cut loses a pixel),
           cutmix_bbox_and_lam (correct_lam), mixup_target (float32 one-hot
           with `off = smoothing / K`, `on = 1 - smoothing + off`,
           `y1 * lam + y2 * (1. - lam)`), FastCollateMixup._mix_batch_collate,
           _mix_elem_collate and _mix_pair_collate (uint8 blended in float32,
           `np.rint`, pair mode pastes both ways), Mixup._params_per_elem
           (float32 lams).
  tv       pytorch/vision torchvision/transforms/v2/_augment.py at
           da6134da47a01f107e591a8badefd5527041888b: MixUp.transform
           (`inpt.roll(1, 0).mul_(1.0 - lam).add_(inpt.mul(lam))`; the same
           float32 sum as `batch.mul(lam).add_(batch.roll(1, 0).mul_(1 - lam))`,
           IEEE addition commutes), CutMix.make_params (`r = 0.5 *
           sqrt(1 - lam)`, `r_w_half = int(r * W)`, box clamped, lam_adjusted
           from the clamped area) and _mixup_label (float32 one-hot,
           `label.roll(1, 0).mul_(1.0 - lam).add_(label.mul(lam))`); lam comes
           from a float32 Beta sample, so it is float32-valued.
  torch    half and bfloat16 times a Python float. torch 1.13 (Debian's
           python3-torch 1.13, run here): the scalar is rounded to float32,
           then to the tensor's type, and the product of the two is rounded
           once. Current PyTorch: pytorch/pytorch
           aten/src/ATen/native/cpu/BinaryOpsKernel.cpp at
           00954a4449c35b0461e9e07720dc23f2d30381f9, mul_kernel for reduced
           floating types: the scalar is kept in float32 (opmath), the product
           is computed in float32 and rounded once. Sums of two half values
           are rounded once in both.
  images   torchvision's ToTensor + Normalize in float32 (`/ 255`, `- mean`,
           `/ std`, ImageNet mean and std); `.half()` and `.bfloat16()` round
           to nearest even.

The draws (lam, the box centres) are fixed values chosen for each case; the
arithmetic around them is the library's. Images: crops of the bundled photos
(resources/*.png), averaged down in NumPy (no resampler whose rounding could
change between versions), letterboxed or put on a white background, and
synthetic ones from NumPy's legacy generator (a frozen stream) with fixed seeds.

When torch 1.13 is installed, every half/bfloat16/float32 emulation is also
computed with torch itself and must be bit-equal (printed as "checked").

usage: audit_cases.py OUTDIR                 write OUTDIR/<case>/dump/ and OUTDIR/<case>/expected.json
       audit_cases.py --sums FILE OUTDIR     also write the digest of every file (tests/data/audit_cases.sums)

expected.json: {"case", "description", "source", "runs": [{"lam_rule",
"args", "elements": [{"index", "verdict", "cause", "partner", "note"}]}]}.
`args` are the extra flags of `cutmix audit` for that run; lam_rule
"corrected" is the default and is not passed as a flag.
"""
import hashlib
import json
import os
import sys

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..", "..")
sys.path.insert(0, os.path.join(root, "python"))
from cutmix_dump import dump_batch  # noqa: E402

TIMM = "huggingface/pytorch-image-models timm/data/mixup.py @ 066e490605ba1d3666861096163246c885603469"
TV = "pytorch/vision torchvision/transforms/v2/_augment.py @ da6134da47a01f107e591a8badefd5527041888b"
TORCH_OPMATH = "pytorch/pytorch aten/src/ATen/native/cpu/BinaryOpsKernel.cpp @ 00954a4449c35b0461e9e07720dc23f2d30381f9"

f32 = np.float32
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)
K = 10
LABELS = [3, 7, 1, 8, 0, 5, 2, 9]  # no flip pair (i, 7-i) and no roll pair (i, i-1) shares a class
TOL = 1e-3  # cutmix audit's default tolerance

checked = []  # emulations compared with torch itself


# ---- images


def _read_rgb(name):
    import cv2

    img = cv2.imread(os.path.join(root, "resources", name), cv2.IMREAD_UNCHANGED)
    if img is None:
        raise SystemExit("cannot read resources/" + name)
    if img.ndim == 2:
        return np.repeat(img[..., None], 3, axis=2)
    if img.shape[2] == 4:
        # on white, in integers: rgb * a / 255 + 255 * (1 - a / 255), rounded
        rgb, a = img[..., 2::-1].astype(np.int64), img[..., 3:].astype(np.int64)
        return ((rgb * a + 255 * (255 - a) + 127) // 255).astype(np.uint8)
    return np.ascontiguousarray(img[..., ::-1])


_PHOTOS = {}


def photo(name, top, left, h, w, f):
    """An h x w RGB crop of a bundled photo: the f*h x f*w region at (top,
    left), averaged over f x f blocks and rounded half to even."""
    if name not in _PHOTOS:
        _PHOTOS[name] = _read_rgb(name)
    src = _PHOTOS[name][top:top + h * f, left:left + w * f].astype(np.float64)
    if src.shape[:2] != (h * f, w * f):
        raise SystemExit("crop outside %s" % name)
    return np.rint(src.reshape(h, f, w, f, 3).mean(axis=(1, 3))).astype(np.uint8)


def photo_batch(h, w):
    """Eight different photo crops, h x w (h <= 48, w <= 64)."""
    specs = [("chelsea.png", 10, 60, 4), ("coffee.png", 20, 40, 5), ("camera.png", 40, 30, 6),
             ("coins.png", 20, 10, 4), ("horse.png", 30, 20, 5), ("chelsea.png", 100, 150, 3),
             ("coffee.png", 150, 250, 3), ("camera.png", 200, 100, 4)]
    return np.stack([photo(n, t, l, h, w, f) for n, t, l, f in specs])


def synthetic_batch(h, w, seed):
    """Gradients, a rectangle and noise per image (legacy generator: a frozen stream)."""
    rng = np.random.RandomState(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    out = []
    for _ in range(8):
        a, b, c = rng.randint(1, 6, 3)
        img = np.stack([(xx * a + yy * b) % 256, (xx * b * 2 + 40 * c) % 256, (yy * c * 3 + xx) % 256], axis=2)
        y0, x0 = rng.randint(0, h // 2), rng.randint(0, w // 2)
        img[y0:y0 + h // 3, x0:x0 + w // 3] = rng.randint(0, 256, 3)
        img = img + rng.randint(-6, 7, (h, w, 3))
        out.append(np.clip(img, 0, 255).astype(np.uint8))
    return np.stack(out)


def letterbox_batch(side, bar):
    """Photos letterboxed into side x side: rows [0, bar) and [side - bar, side) are 0."""
    content = photo_batch(side - 2 * bar, side) if side - 2 * bar <= 48 and side <= 64 else None
    out = np.zeros((8, side, side, 3), np.uint8)
    out[:, bar:side - bar] = content
    return out


def on_white(h, w, objects):
    """Product shots: a white h x w canvas with a photo crop at (top, left)."""
    out = []
    for crop, top, left in objects:
        img = np.full((h, w, 3), 255, np.uint8)
        img[top:top + crop.shape[0], left:left + crop.shape[1]] = crop
        out.append(img)
    return np.stack(out)


def nchw(x):
    return np.ascontiguousarray(x.transpose(0, 3, 1, 2))


def normalise(u8):
    """ToTensor + Normalize in float32: x / 255, then (x - mean) / std per channel."""
    x = nchw(u8).astype(f32) / f32(255)
    m = np.array(MEAN, f32)[None, :, None, None]
    s = np.array(STD, f32)[None, :, None, None]
    return ((x - m) / s).astype(f32)


# ---- number types


def bf16_bits(x32):
    """float32 -> bfloat16 bits, round to nearest even (c10::BFloat16's rounding)."""
    u = np.ascontiguousarray(x32, dtype=f32).view(np.uint32).astype(np.uint64)
    u = (u + 0x7FFF + ((u >> 16) & 1)) >> 16
    return u.astype(np.uint16)


def bf16(x32):
    """float32 values rounded to bfloat16, held in float32."""
    return (bf16_bits(x32).astype(np.uint32) << 16).view(f32)


def scalar_in(dtype, s, rule):
    """The Python float s as the kernel multiplies by it, as a float32 value."""
    if dtype == "float16" and rule == "1.13":
        return f32(np.float16(f32(s)))
    if dtype == "bfloat16" and rule == "1.13":
        return bf16(np.array([f32(s)], f32))[0]
    return f32(s)


def round_to(dtype, x32):
    if dtype == "float16":
        return x32.astype(np.float16)
    if dtype == "bfloat16":
        return bf16(x32)
    return x32.astype(f32)


def t_mul(x, s, dtype, rule="1.13"):
    """tensor.mul(python float) for a float32, half or bfloat16 tensor
    (bfloat16 held as float32 values)."""
    return round_to(dtype, x.astype(f32) * scalar_in(dtype, s, rule))


def t_add(a, b, dtype):
    return round_to(dtype, a.astype(f32) + b.astype(f32))


def as_dtype(x32, dtype):
    """A float32 batch converted as `.half()` / `.bfloat16()` do."""
    return round_to(dtype, x32)


def torch_tensor(x, dtype):
    import torch

    t = torch.from_numpy(np.ascontiguousarray(x).astype(f32))
    return t.to({"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}[dtype])


def torch_matches(what, fn, emulated, dtype):
    """Compares an emulation with torch itself when this torch computes the
    same rule (float32: any version; half/bfloat16 scalar rule: 1.13)."""
    try:
        import torch
    except ImportError:
        return
    if dtype != "float32" and not torch.__version__.startswith("1.13"):
        return
    got = fn(torch).float().numpy()
    want = emulated.astype(f32)
    if got.tobytes() != want.tobytes():
        raise SystemExit("the emulation of %s differs from torch %s" % (what, torch.__version__))
    checked.append(what)


# ---- the libraries' rules


def torch_timm_batch_mixup(v, lam):
    """The same, with torch (for the check): timm's two lines."""
    x_flipped = v.flip(0).mul_(1. - lam)
    return v.mul_(lam).add_(x_flipped)


def timm_batch_mixup(x, lam, dtype, rule="1.13"):
    """Mixup._mix_batch, MixUp branch: flipped * (1 - lam) added to x * lam, in place."""
    flipped = t_mul(x[::-1], 1.0 - lam, dtype, rule)
    return t_add(t_mul(x, lam, dtype, rule), flipped, dtype)


def tv_mixup(x, lam, dtype, rule="1.13"):
    """MixUp.transform: roll(1, 0) * (1 - lam) plus x * lam."""
    return t_add(t_mul(np.roll(x, 1, axis=0), 1.0 - lam, dtype, rule), t_mul(x, lam, dtype, rule), dtype)


def timm_rand_bbox(h, w, lam, cy, cx):
    ratio = np.sqrt(1 - lam)
    cut_h, cut_w = int(h * ratio), int(w * ratio)
    yl, yh = np.clip(cy - cut_h // 2, 0, h), np.clip(cy + cut_h // 2, 0, h)
    xl, xh = np.clip(cx - cut_w // 2, 0, w), np.clip(cx + cut_w // 2, 0, w)
    return int(yl), int(yh), int(xl), int(xh)


def timm_bbox_and_lam(h, w, lam, cy, cx, correct_lam=True):
    yl, yh, xl, xh = timm_rand_bbox(h, w, lam, cy, cx)
    if correct_lam:
        lam = 1.0 - (yh - yl) * (xh - xl) / float(h * w)
    return (yl, yh, xl, xh), lam


def drawn_lam_interval(h, w, box):
    """The drawn lams for which rand_bbox can give this box (some centre),
    as (lo, hi]: an unclipped side S needs int(side * ratio) // 2 == S / 2, a
    side clipped at one border with extent E needs cut // 2 in [ceil(E / 2), E]."""
    yl, yh, xl, xh = box
    lo_r, hi_r = 0.0, 1.0  # ratio = sqrt(1 - lam) in [lo_r, hi_r)
    for a, b, side in ((yl, yh, h), (xl, xh, w)):
        extent = b - a
        if a > 0 and b < side:
            lo, hi = extent, extent + 2  # side * ratio in [extent, extent + 2)
        elif (a == 0) != (b == side):
            lo, hi = 2 * ((extent + 1) // 2), 2 * extent + 2
        else:
            lo, hi = 0, 1e9  # both borders: any larger cut
        lo_r, hi_r = max(lo_r, lo / side), min(hi_r, hi / side)
    assert lo_r < hi_r, box
    return 1.0 - min(hi_r, 1.0) ** 2, 1.0 - lo_r ** 2


def tv_cutmix_box(h, w, lam, r_x, r_y):
    r = 0.5 * np.sqrt(1.0 - lam)
    r_w_half, r_h_half = int(r * w), int(r * h)
    x1, y1 = max(r_x - r_w_half, 0), max(r_y - r_h_half, 0)
    x2, y2 = min(r_x + r_w_half, w), min(r_y + r_h_half, h)
    return (y1, y2, x1, x2), float(1.0 - (x2 - x1) * (y2 - y1) / (w * h))


def paste(x, box, partner_of):
    """x (NCHW) with every element's box taken from its partner's image."""
    yl, yh, xl, xh = box
    out = x.copy()
    for i in range(len(x)):
        out[i, :, yl:yh, xl:xh] = x[partner_of(i), :, yl:yh, xl:xh]
    return out


def onehot32(labels, off, on):
    y = np.full((len(labels), K), f32(off), f32)
    y[np.arange(len(labels)), labels] = f32(on)
    return y


def timm_target(labels, lam, smoothing):
    """mixup_target: float32 one-hot rows of the labels and of their flip; lam
    a Python float (batch mode) or a float32 column (elem and pair modes)."""
    off = smoothing / K
    on = 1.0 - smoothing + off
    y1 = onehot32(np.asarray(labels), off, on)
    y2 = onehot32(np.asarray(labels)[::-1], off, on)
    if np.ndim(lam) == 0:
        return (y1 * f32(lam) + y2 * f32(1.0 - lam)).astype(f32)
    lam = np.asarray(lam, f32).reshape(-1, 1)
    return (y1 * lam + y2 * (f32(1.0) - lam)).astype(f32)


def tv_target(labels, lam):
    label = onehot32(np.asarray(labels), 0.0, 1.0)
    return (np.roll(label, 1, axis=0) * f32(1.0 - lam) + label * f32(lam)).astype(f32)


def torch_timm_target(labels, lam, smoothing):
    """mixup_target with torch (for the check)."""
    import torch

    off = smoothing / K
    on = 1. - smoothing + off
    t = torch.tensor(list(labels), dtype=torch.int64).view(-1, 1)
    y1 = torch.full((len(labels), K), off).scatter_(1, t, on)
    y2 = torch.full((len(labels), K), off).scatter_(1, t.flip(0), on)
    if np.ndim(lam) != 0:
        lam = torch.tensor(np.asarray(lam, f32)).unsqueeze(1)
    return y1 * lam + y2 * (1. - lam)


def torch_tv_target(labels, lam):
    import torch

    label = torch.nn.functional.one_hot(torch.tensor(list(labels)), num_classes=K).float()
    return label.roll(1, 0).mul_(1.0 - lam).add_(label.mul(lam))


def checked_timm_target(labels, lam, smoothing):
    y = timm_target(labels, lam, smoothing)
    torch_matches("timm mixup_target", lambda t: torch_timm_target(labels, lam, smoothing), y, "float32")
    return y


def checked_tv_target(labels, lam):
    y = tv_target(labels, lam)
    torch_matches("torchvision _mixup_label", lambda t: torch_tv_target(labels, lam), y, "float32")
    return y


def elem_mixup(x_i, x_j, lam32):
    """Mixup._mix_elem's `x[i] * lam + x_orig[j] * (1 - lam)`: lam a NumPy
    float32, so 1 - lam is a float32 too."""
    out = (x_i * lam32 + x_j * (f32(1) - lam32)).astype(f32)
    torch_matches("timm _mix_elem blend", lambda t: torch_tensor(x_i, "float32") * lam32 + torch_tensor(
        x_j, "float32") * (1 - lam32), out, "float32")
    return out


def fast_blend(a, b, lam):
    """FastCollateMixup's uint8 blend: float32, np.rint, back to uint8. lam is
    a Python float (batch mode) or a float32 (elem and pair modes); 1 - lam
    is then a double or a float32, and float32 once multiplied."""
    one_minus = f32(1.0 - lam) if isinstance(lam, float) else f32(f32(1) - f32(lam))
    mixed = np.rint(a.astype(f32) * f32(lam) + b.astype(f32) * one_minus).astype(np.uint8)
    literal = a.astype(np.float32) * lam + b.astype(np.float32) * (1 - lam)  # timm's line, in this NumPy
    np.rint(literal, out=literal)
    if literal.dtype != np.float32 or literal.astype(np.uint8).tobytes() != mixed.tobytes():
        raise SystemExit("FastCollateMixup's blend in NumPy %s differs from its float32 emulation" % np.__version__)
    return mixed


# ---- what the audit must see: the consistent rectangles of a pasted region


def rectangle_share(after, own, partner):
    """The share of the element's own image over the rectangles consistent
    with its pixels (issue 20: at least the bounding box of the changed
    pixels, at most the largest rectangle around it whose extra pixels are
    equal in both sources): (lo, hi), or None when nothing changed."""
    def equal(a, b):
        return np.all(a.view(np.uint8).reshape(a.shape[0], a.shape[1], -1) ==
                      b.view(np.uint8).reshape(b.shape[0], b.shape[1], -1), axis=2)
    after, own, partner = (np.ascontiguousarray(v.transpose(1, 2, 0)) for v in (after, own, partner))
    eq_own, eq_partner = equal(after, own), equal(after, partner)
    changed = ~eq_own
    if not changed.any():
        return None
    assert eq_partner[changed].all(), "a pasted pixel that is not the partner's"
    rows, cols = np.nonzero(changed)
    y1, y2, x1, x2 = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    both = eq_own & eq_partner
    h, w = changed.shape
    lo_area = (y2 - y1) * (x2 - x1)
    grown = True
    while grown:
        grown = False
        if y1 > 0 and both[y1 - 1, x1:x2].all():
            y1, grown = y1 - 1, True
        if y2 < h and both[y2, x1:x2].all():
            y2, grown = y2 + 1, True
        if x1 > 0 and both[y1:y2, x1 - 1].all():
            x1, grown = x1 - 1, True
        if x2 < w and both[y1:y2, x2].all():
            x2, grown = x2 + 1, True
    hi_area = (y2 - y1) * (x2 - x1)
    return 1.0 - hi_area / (h * w), 1.0 - lo_area / (h * w)


def own_weight(target_row, label, smoothing):
    off = smoothing / K
    on = 1.0 - smoothing + off
    return (float(target_row[label]) - off) / (on - off)


def check_region(name, i, after, before, partner, target_row, label, smoothing, expect):
    """The expectation must follow from the pixels: agree inside the
    consistent-rectangle share, a flag well outside it."""
    share = rectangle_share(after[i], before[i], before[partner])
    w = own_weight(target_row, label, smoothing)
    lo, hi = share
    inside = lo - TOL <= w <= hi + TOL
    if expect == "agree" and not inside:
        raise SystemExit("%s #%d: target %.5f outside the share [%.5f, %.5f]" % (name, i, w, lo, hi))
    if expect != "agree" and (lo - 3 * TOL <= w <= hi + 3 * TOL):
        raise SystemExit("%s #%d: target %.5f too close to the share [%.5f, %.5f] to be flagged" % (name, i, w, lo,
                                                                                                  hi))
    if expect == "weights-swapped" and not (lo - TOL <= 1 - w <= hi + TOL):
        raise SystemExit("%s #%d: 1 - target %.5f is not the share [%.5f, %.5f]" % (name, i, 1 - w, lo, hi))
    return share


# ---- the cases


def elements(verdicts, partners, notes):
    out = []
    for i, v in enumerate(verdicts):
        verdict, cause = (v, None) if isinstance(v, str) else v
        out.append({"index": i, "verdict": verdict, "cause": cause, "partner": partners[i], "note": notes[i]})
    return out


FLIP = [7 - i for i in range(8)]
ROLL = [(i - 1) % 8 for i in range(8)]


def case_timm_mixup_float32():
    x = normalise(photo_batch(48, 64))
    lam = 0.6180339887498949  # a Python float, as _params_per_batch returns it
    mixed = timm_batch_mixup(x, lam, "float32")
    torch_matches("timm Mixup float32", lambda t: torch_timm_batch_mixup(torch_tensor(x, "float32"), lam), mixed,
                  "float32")
    targets = checked_timm_target(LABELS, lam, 0.1)
    return dict(
        description="timm Mixup(mode='batch') MixUp on a normalised float32 batch (ImageNet mean/std), "
                    "label smoothing 0.1, partner the flip",
        source=TIMM + " Mixup._mix_batch, mixup_target", dtype="float32", torch_version="1.13.1",
        before=x, after=mixed, targets=targets, mean=MEAN, std=STD,
        runs=[("corrected", [], elements(["agree"] * 8, FLIP, ["MixUp lam %r" % lam] * 8))])


def case_timm_cutmix_float32():
    x = normalise(photo_batch(48, 64))
    lam_drawn = 0.5
    box, lam = timm_bbox_and_lam(48, 64, lam_drawn, 24, 30)  # cut 33 x 45, both odd: sides 32 x 44
    assert box == (8, 40, 8, 52), box
    mixed = paste(x, box, lambda i: 7 - i)
    targets = timm_target(LABELS, lam, 0.1)
    for i in range(8):
        check_region("timm_cutmix_float32", i, mixed, x, 7 - i, targets[i], LABELS[i], 0.1, "agree")
    return dict(
        description="timm Mixup(mode='batch') CutMix on a normalised float32 batch: an unclipped box whose odd "
                    "cuts (33 x 45) lose a pixel each (cut // 2 * 2 = 32 x 44), correct_lam=True, smoothing 0.1",
        source=TIMM + " rand_bbox, cutmix_bbox_and_lam, Mixup._mix_batch", dtype="float32",
        torch_version="1.13.1", before=x, after=mixed, targets=targets, mean=MEAN, std=STD,
        runs=[("corrected", [], elements(["agree"] * 8, FLIP, ["CutMix box rows 8-40, cols 8-52, lam %r" % lam] * 8))])


def case_torchvision_mixup_float32():
    x = normalise(synthetic_batch(48, 64, 11))
    lam = float(f32(0.3719))  # float(Beta(...).sample()): a float32 value
    mixed = tv_mixup(x, lam, "float32")
    torch_matches("torchvision MixUp float32", lambda t: (lambda v: v.roll(1, 0).mul_(1.0 - lam).add_(v.mul(lam)))(
        torch_tensor(x, "float32")), mixed, "float32")
    targets = checked_tv_target(LABELS, lam)
    return dict(
        description="torchvision v2 MixUp on a normalised float32 batch of synthetic images, partner roll(1, 0), "
                    "no smoothing",
        source=TV + " MixUp.transform, _mixup_label", dtype="float32", torch_version="1.13.1",
        before=x, after=mixed, targets=targets, mean=MEAN, std=STD,
        runs=[("corrected", [], elements(["agree"] * 8, ROLL, ["MixUp lam %r" % lam] * 8))])


def case_torchvision_cutmix_float32():
    x = normalise(photo_batch(48, 64))
    lam = float(f32(0.4137))
    box, lam_adj = tv_cutmix_box(48, 64, lam, r_x=58, r_y=5)  # clamped at the top and the right
    assert box == (0, 23, 34, 64), box
    mixed = paste(x, box, lambda i: (i - 1) % 8)
    targets = checked_tv_target(LABELS, lam_adj)
    for i in range(8):
        check_region("torchvision_cutmix_float32", i, mixed, x, (i - 1) % 8, targets[i], LABELS[i], 0.0, "agree")
    return dict(
        description="torchvision v2 CutMix on a normalised float32 batch, the box clamped at the top and right "
                    "borders, lam_adjusted from the clamped area",
        source=TV + " CutMix.make_params, CutMix.transform, _mixup_label", dtype="float32", torch_version="1.13.1",
        before=x, after=mixed, targets=targets, mean=MEAN, std=STD,
        runs=[("corrected", [], elements(["agree"] * 8, ROLL, ["box rows 0-23, cols 34-64, lam %r" % lam_adj] * 8))])


def _half_mixup(rule):
    x = as_dtype(normalise(photo_batch(48, 64)), "float16")
    lam = 0.7123456789
    mixed = timm_batch_mixup(x, lam, "float16", rule)
    if rule == "1.13":
        torch_matches("timm Mixup float16 (torch 1.13)", lambda t: torch_timm_batch_mixup(
            torch_tensor(x, "float16"), lam), mixed, "float16")
    return x, lam, mixed


def case_timm_mixup_float16_torch113():
    x, lam, mixed = _half_mixup("1.13")
    targets = timm_target(LABELS, lam, 0.1)
    return dict(
        description="timm Mixup MixUp on a float16 batch (normalised, then .half()) as torch 1.13 computes "
                    "half * Python float on the CPU: lam rounded to half (via float32), each product and the sum "
                    "rounded to half",
        source=TIMM + " Mixup._mix_batch; torch 1.13 run here", dtype="float16", torch_version="1.13.1",
        before=x, after=mixed, targets=targets, mean=MEAN, std=STD,
        runs=[("corrected", [], elements(["agree"] * 8, FLIP, ["MixUp lam %r, half lam %r" % (
            lam, float(np.float16(f32(lam))))] * 8))])


def case_timm_mixup_float16_opmath():
    x, lam, mixed = _half_mixup("opmath")
    x113, _, mixed113 = _half_mixup("1.13")
    assert mixed.tobytes() != mixed113.tobytes(), "the two half rules must differ on this batch"
    targets = timm_target(LABELS, lam, 0.1)
    return dict(
        description="timm Mixup MixUp on a float16 batch as current PyTorch CPU kernels compute half * Python "
                    "float: lam kept in float32 (opmath), the product rounded once to half; torch_version is "
                    "null (the release that changed it is not checked here)",
        source=TIMM + " Mixup._mix_batch; " + TORCH_OPMATH + " mul_kernel", dtype="float16", torch_version=None,
        before=x, after=mixed, targets=targets, mean=MEAN, std=STD,
        runs=[("corrected", [], elements(["agree"] * 8, FLIP, ["MixUp lam %r in float32" % lam] * 8))])


def case_torchvision_mixup_bfloat16():
    x = as_dtype(normalise(photo_batch(48, 64)), "bfloat16")
    lam = float(f32(0.65477))
    # bfloat16 pins lam to an interval: lam rounds to 0.65625 and 1 - lam to 0.345703125, so the lams that
    # give these pixels are about [0.65430, 0.65527]. The target is 1.5e-3 from the point estimate (more
    # than the tolerance) and well inside the interval.
    lam_b, rest_b = scalar_in("bfloat16", lam, "1.13"), scalar_in("bfloat16", 1.0 - lam, "1.13")
    half_ulp = lambda v: 2.0 ** (np.floor(np.log2(v)) - 8)  # noqa: E731
    assert abs(lam - lam_b) > TOL
    assert abs(lam - lam_b) < half_ulp(lam_b) - 4e-4 and abs(1.0 - lam - rest_b) < half_ulp(rest_b) - 4e-4
    mixed = tv_mixup(x, lam, "bfloat16")
    torch_matches("torchvision MixUp bfloat16 (torch 1.13)", lambda t: (lambda v: v.roll(1, 0).mul_(1.0 - lam).add_(
        v.mul(lam)))(torch_tensor(x, "bfloat16")), mixed, "bfloat16")
    targets = tv_target(LABELS, lam)
    return dict(
        description="torchvision v2 MixUp on a bfloat16 batch (normalised, then .bfloat16()) as torch 1.13 "
                    "computes it (lam rounded to bfloat16, products and sum rounded); the pixels pin lam only to "
                    "about [0.65430, 0.65527], the target (the drawn lam, 1.5e-3 from the bfloat16 lam 0.65625) "
                    "must be judged against that interval, not a point estimate",
        source=TV + " MixUp.transform; torch 1.13 run here", dtype="bfloat16", torch_version="1.13.1",
        before=x, after=mixed, targets=targets, mean=MEAN, std=STD,
        runs=[("corrected", [], elements(["agree"] * 8, ROLL, ["MixUp lam %r" % lam] * 8))])


def case_timm_elem_float32():
    """_mix_elem: per element lam (float32), CutMix or MixUp, some not mixed."""
    x = normalise(photo_batch(48, 64))
    orig = x.copy()
    lams = np.array([0.8125, 0.55, 1.0, 0.3, 0.67, 1.0, 0.45, 0.9], f32)
    use_cutmix = [True, False, True, True, False, False, False, True]
    centres = {0: (24, 32), 3: (5, 60), 7: (30, 10)}
    out = x.copy()
    notes = []
    for i in range(8):
        j = 7 - i
        lam = lams[i]
        if lam == 1.0:
            notes.append("not mixed (lam 1)")
            continue
        if use_cutmix[i]:
            (yl, yh, xl, xh), lam_c = timm_bbox_and_lam(48, 64, lam, *centres[i])
            out[i, :, yl:yh, xl:xh] = orig[j, :, yl:yh, xl:xh]
            lams[i] = lam_c
            notes.append("CutMix box rows %d-%d, cols %d-%d" % (yl, yh, xl, xh))
        else:
            out[i] = elem_mixup(out[i], orig[j], lam)
            notes.append("MixUp lam %r" % float(lam))
    targets = checked_timm_target(LABELS, lams, 0.1)
    for i in range(8):
        if use_cutmix[i] and lams[i] != 1.0 and i in centres:
            check_region("timm_elem_float32", i, out, orig, 7 - i, targets[i], LABELS[i], 0.1, "agree")
    return dict(
        description="timm Mixup(mode='elem'): a lam per element (float32), CutMix or MixUp per element, "
                    "two elements not mixed (lam 1), correct_lam=True, smoothing 0.1",
        source=TIMM + " Mixup._mix_elem, _params_per_elem, mixup_target", dtype="float32", torch_version="1.13.1",
        before=orig, after=out, targets=targets, mean=MEAN, std=STD,
        runs=[("corrected", [], elements(["agree"] * 8, FLIP, notes))])


def _fast_collate_batch_cutmix(u8, box):
    x = nchw(u8)
    return x, paste(x, box, lambda i: 7 - i)


def case_letterbox_swapped_uint8():
    u8 = letterbox_batch(64, 8)
    box, lam = timm_bbox_and_lam(64, 64, 0.6, 32, 32)  # cut 40: rows 12-52, cols 12-52, inside the picture
    assert box == (12, 52, 12, 52), box
    x, mixed = _fast_collate_batch_cutmix(u8, box)
    right = timm_target(LABELS, lam, 0.0)
    swapped = timm_target(LABELS, 1.0 - lam, 0.0)
    for i in range(8):
        check_region("letterbox_swapped_uint8", i, mixed, x, 7 - i, swapped[i], LABELS[i], 0.0, "weights-swapped")
        check_region("letterbox_swapped_uint8", i, mixed, x, 7 - i, right[i], LABELS[i], 0.0, "agree")
    return dict(
        description="letterboxed uint8 photos (rows 0-8 and 56-64 are 0 in every image), timm FastCollateMixup "
                    "batch CutMix with a box inside the picture, targets with the weights swapped: every element "
                    "must be flagged, however many bar pixels are equal in the element and its partner",
        source=TIMM + " FastCollateMixup._mix_batch_collate, rand_bbox", dtype="uint8", torch_version=None,
        before=x, after=mixed, targets=swapped,
        runs=[("corrected", [], elements([("flagged", "weights-swapped")] * 8, FLIP,
                                         ["target own %.4f, pixels %.4f" % (1 - lam, lam)] * 8))])


def case_letterbox_uncorrected_uint8():
    u8 = letterbox_batch(64, 8)
    lam_drawn = 0.74
    box, lam_adj = timm_bbox_and_lam(64, 64, lam_drawn, 14, 32)  # cut 32, clipped at the top, inside the bar
    assert box == (0, 30, 16, 48), box
    x, mixed = _fast_collate_batch_cutmix(u8, box)
    targets = timm_target(LABELS, lam_drawn, 0.0)  # correct_lam=False: the drawn lam
    for i in range(8):
        check_region("letterbox_uncorrected_uint8", i, mixed, x, 7 - i, targets[i], LABELS[i], 0.0,
                     "uncorrected-lam")
    return dict(
        description="letterboxed uint8 photos, timm batch CutMix whose box is clipped at the top border (the "
                    "clipped rows lie in the black bar), targets with the drawn lam (correct_lam=False): flagged "
                    "uncorrected-lam under the default rule",
        source=TIMM + " FastCollateMixup._mix_batch_collate, cutmix_bbox_and_lam", dtype="uint8",
        torch_version=None, before=x, after=mixed, targets=targets,
        runs=[("corrected", [], elements([("flagged", "uncorrected-lam")] * 8, FLIP,
                                         ["drawn %r, box area gives %.6f" % (lam_drawn, lam_adj)] * 8))])


def case_uniform_patch_uint8():
    h, w = 48, 64
    crops = photo_batch(30, 40)
    # 2 and 7 are product shots on white with the object bottom right; the others fill the frame
    frames = photo_batch(h, w)
    shots = on_white(h, w, [(crops[2], 18, 20), (crops[4], 18, 24)])
    u8 = frames.copy()
    u8[2], u8[7] = shots[0], shots[1]
    box, lam = timm_bbox_and_lam(h, w, 0.8, 8, 10)  # cut 21 x 28: rows 0-18, cols 0-24 (clipped)
    assert box == (0, 18, 0, 24), box
    assert (u8[2][0:18, 0:24] == 255).all() and (u8[7][0:18, 0:24] == 255).all()
    x, mixed = _fast_collate_batch_cutmix(u8, box)
    targets = timm_target(LABELS, lam, 0.1)
    notes = ["box rows 0-18, cols 0-24, lam %.6f" % lam] * 8
    notes[0] = "white patch from #7, equal in #2: partner ambiguous, the labels name #7"
    notes[5] = "white patch from #2, equal in #7: partner ambiguous, the labels name #2"
    for i in range(8):
        check_region("uniform_patch_uint8", i, mixed, x, 7 - i, targets[i], LABELS[i], 0.1, "agree")
    return dict(
        description="a uniform (white) patch pasted from a product shot on white, equal in two candidate "
                    "elements (#2 and #7): timm batch CutMix, correct targets, smoothing 0.1: nothing may be "
                    "flagged",
        source=TIMM + " FastCollateMixup._mix_batch_collate, mixup_target", dtype="uint8", torch_version=None,
        before=x, after=mixed, targets=targets, runs=[("corrected", [], elements(["agree"] * 8, FLIP, notes))])


def case_timm_correct_lam_false_uint8():
    h, w = 48, 64
    x = nchw(photo_batch(h, w))
    # (drawn lam, centre cy, cx); unclipped boxes with odd cuts, even cuts, an exact one, and clipped ones
    plan = [(0.5, 24, 30), (0.19, 24, 32), (0.6, 24, 32), (0.75, 24, 32), (0.23, 24, 32), (0.45, 20, 5),
            (0.3, 40, 60), (0.7, 3, 30)]
    lams = np.array([p[0] for p in plan], f32)  # _params_per_elem: float32 lams
    out = x.copy()
    corrected_verdicts, notes = [], []
    for i, (_, cy, cx) in enumerate(plan):
        lam = lams[i]
        (yl, yh, xl, xh), lam_c = timm_bbox_and_lam(h, w, lam, cy, cx, correct_lam=False)
        _, lam_adj = timm_bbox_and_lam(h, w, lam, cy, cx, correct_lam=True)
        assert lam_c == lam
        lo, hi = drawn_lam_interval(h, w, (yl, yh, xl, xh))
        assert lo < float(lam) <= hi, (i, lo, float(lam), hi)
        out[i, :, yl:yh, xl:xh] = x[7 - i, :, yl:yh, xl:xh]  # _mix_elem_collate pastes into a copy
        clipped = yl == 0 or xl == 0 or yh == h or xh == w
        diff = lam_adj - float(lam)
        if diff == 0:
            corrected_verdicts.append("agree")
        else:
            assert diff > 3 * TOL, (i, diff)
            corrected_verdicts.append(("flagged", "uncorrected-lam"))
        notes.append("drawn %r, box rows %d-%d, cols %d-%d (%s), area gives %.6f" % (
            float(lam), yl, yh, xl, xh, "clipped" if clipped else "unclipped", lam_adj))
    targets = timm_target(LABELS, lams, 0.0)
    for i in range(8):
        share = rectangle_share(out[i], x[i], x[7 - i])
        w_ = own_weight(targets[i], LABELS[i], 0.0)
        assert (share[0] - TOL <= w_ <= share[1] + TOL) == (corrected_verdicts[i] == "agree"), (i, share, w_)
    return dict(
        description="timm FastCollateMixup(mode='elem', cutmix only, correct_lam=False) on uint8 photos: each "
                    "target carries its drawn float32 lam. Unclipped boxes whose sides the library rounded "
                    "(odd cuts lose a pixel: elements 0 and 1 by more than (W+H)/(W*H)), one exact box (3), "
                    "clipped boxes (5, 6, 7). Agree under --lam-rule drawn; under the default corrected rule "
                    "flagged uncorrected-lam, except the exact box",
        source=TIMM + " FastCollateMixup._mix_elem_collate, cutmix_bbox_and_lam, rand_bbox", dtype="uint8",
        torch_version=None, before=x, after=out, targets=targets,
        runs=[("drawn", ["--lam-rule", "drawn"], elements(["agree"] * 8, FLIP, notes)),
              ("corrected", [], elements(corrected_verdicts, FLIP, notes))])


def case_target_not_mixed_uint8():
    labels = list(LABELS)
    labels[1] = labels[0]  # #1's partner (roll: #0) has its class: a one-hot target is right there
    x = nchw(photo_batch(48, 64))
    box, lam = tv_cutmix_box(48, 64, float(f32(0.42)), r_x=30, r_y=22)
    assert box == (4, 40, 6, 54), box
    mixed = paste(x, box, lambda i: (i - 1) % 8)
    targets = onehot32(np.array(labels), 0.0, 1.0)  # the pipeline kept the labels it had before mixing
    verdicts = [("flagged", "target-not-mixed")] * 8
    verdicts[1] = "agree"
    notes = ["pixels CutMix from #%d, target one-hot" % ((i - 1) % 8) for i in range(8)]
    notes[1] = "mixed with #0 of the same class: one-hot is the right target"
    return dict(
        description="torchvision v2 CutMix pixels (uint8 tensors, roll partner) with the targets left one-hot "
                    "(the new labels were dropped): flagged target-not-mixed",
        source=TV + " CutMix.make_params, CutMix.transform", dtype="uint8", torch_version=None, labels=labels,
        before=x, after=mixed, targets=targets, runs=[("corrected", [], elements(verdicts, ROLL, notes))])


def case_target_not_mixed_float32():
    x = normalise(photo_batch(48, 64))
    lam = float(f32(0.58))
    mixed = tv_mixup(x, lam, "float32")
    targets = onehot32(np.array(LABELS), 0.0, 1.0)
    return dict(
        description="torchvision v2 MixUp on a normalised float32 batch with the targets left one-hot: "
                    "flagged target-not-mixed",
        source=TV + " MixUp.transform", dtype="float32", torch_version="1.13.1", before=x, after=mixed,
        targets=targets, mean=MEAN, std=STD,
        runs=[("corrected", [], elements([("flagged", "target-not-mixed")] * 8, ROLL,
                                         ["MixUp lam %r, target one-hot" % lam] * 8))])


ELEM_LAMS = [0.62, 0.81, 0.35, 0.93, 0.71, 0.48, 0.57, 0.26]


def _another_lam(lams):
    """The bug: the target of element i is built with element i+1's lam."""
    used = np.roll(lams, -1)
    for i in range(8):
        assert abs(used[i] - lams[i]) > 0.05 and abs(used[i] - (1 - lams[i])) > 0.04
    return used


def case_lam_of_another_element_float32():
    x = normalise(photo_batch(48, 64))
    lams = np.array(ELEM_LAMS, f32)
    out = x.copy()
    for i in range(8):  # _mix_elem, MixUp only
        out[i] = elem_mixup(x[i], x[7 - i], lams[i])
    targets = timm_target(LABELS, _another_lam(lams), 0.1)
    return dict(
        description="timm Mixup(mode='elem', mixup only) on a normalised float32 batch, targets built with the "
                    "next element's lam (lam_batch rolled by one): flagged lam-of-another-element",
        source=TIMM + " Mixup._mix_elem, mixup_target", dtype="float32", torch_version="1.13.1", before=x,
        after=out, targets=targets, mean=MEAN, std=STD,
        runs=[("corrected", [], elements([("flagged", "lam-of-another-element")] * 8, FLIP,
                                         ["pixels lam %r, target lam %r (element %d's)" % (
                                             float(lams[i]), float(lams[(i + 1) % 8]), (i + 1) % 8)
                                          for i in range(8)]))])


def case_lam_of_another_element_mixup_uint8():
    x = nchw(synthetic_batch(48, 64, 12))
    lams = np.array(ELEM_LAMS, f32)
    out = x.copy()
    for i in range(8):  # _mix_elem_collate, MixUp only: the blend of the sample with batch[N-1-i]
        out[i] = fast_blend(x[i], x[7 - i], lams[i])
    targets = timm_target(LABELS, _another_lam(lams), 0.0)
    return dict(
        description="timm FastCollateMixup(mode='elem', mixup only) on synthetic uint8 images, targets built "
                    "with the next element's lam: flagged lam-of-another-element",
        source=TIMM + " FastCollateMixup._mix_elem_collate, mixup_target", dtype="uint8", torch_version=None,
        before=x, after=out, targets=targets,
        runs=[("corrected", [], elements([("flagged", "lam-of-another-element")] * 8, FLIP,
                                         ["pixels lam %r, target lam %r" % (float(lams[i]), float(lams[(i + 1) % 8]))
                                          for i in range(8)]))])


def case_lam_of_another_element_cutmix_uint8():
    h, w = 48, 64
    x = nchw(photo_batch(h, w))
    # (drawn lam, centre cy, cx): unclipped boxes and boxes clipped at one border
    plan = [(0.5, 24, 30), (0.6, 24, 32), (0.3, 10, 32), (0.45, 24, 5), (0.7, 24, 32), (0.36, 40, 30),
            (0.8, 24, 32), (0.45, 24, 60)]
    lams = np.array([p[0] for p in plan], f32)
    out = x.copy()
    boxes = []
    for i, (_, cy, cx) in enumerate(plan):  # _mix_elem_collate, cutmix only, correct_lam=True
        (yl, yh, xl, xh), lams[i] = timm_bbox_and_lam(h, w, lams[i], cy, cx)
        out[i, :, yl:yh, xl:xh] = x[7 - i, :, yl:yh, xl:xh]
        boxes.append((yl, yh, xl, xh))
    used = np.roll(lams, -1)
    targets = timm_target(LABELS, used, 0.0)
    notes = []
    for i in range(8):
        lo, hi = rectangle_share(out[i], x[i], x[7 - i])
        d_lo, d_hi = drawn_lam_interval(h, w, boxes[i])
        u = float(used[i])
        # not the element's share, not the swapped share, not a lam the library could have drawn for this box
        assert not (lo - 3 * TOL <= u <= hi + 3 * TOL) and not (lo - 3 * TOL <= 1 - u <= hi + 3 * TOL), i
        assert not (d_lo - 3 * TOL < u <= d_hi + 3 * TOL), (i, d_lo, u, d_hi)
        clipped = 0 in boxes[i][::2] or boxes[i][1] == h or boxes[i][3] == w
        notes.append("box rows %d-%d, cols %d-%d (%s), lam %.6f; target lam %.6f (element %d's)" % (
            boxes[i] + ("clipped" if clipped else "unclipped", float(lams[i]), u, (i + 1) % 8)))
    return dict(
        description="timm FastCollateMixup(mode='elem', cutmix only, correct_lam=True) on uint8 photos, targets "
                    "built with the next element's corrected lam: flagged lam-of-another-element, not "
                    "uncorrected-lam (no lam the library could draw for the element's box gives that target)",
        source=TIMM + " FastCollateMixup._mix_elem_collate, cutmix_bbox_and_lam, mixup_target", dtype="uint8",
        torch_version=None, before=x, after=out, targets=targets,
        runs=[("corrected", [], elements([("flagged", "lam-of-another-element")] * 8, FLIP, notes))])


def case_timm_pair_smoothing_uint8():
    h, w = 48, 64
    x = nchw(photo_batch(h, w))
    lams = np.array([0.55, 0.7, 0.3, 0.85], f32)  # one per pair (i, 7 - i)
    use_cutmix = [True, False, True, False]
    centres = {0: (24, 32), 2: (44, 58)}
    work = [x[i].copy() for i in range(8)]
    out = np.zeros_like(x)
    notes = [""] * 8
    for i in range(4):
        j = 7 - i
        a, b = work[i], work[j]
        if use_cutmix[i]:
            (yl, yh, xl, xh), lams[i] = timm_bbox_and_lam(h, w, lams[i], *centres[i])
            patch = a[:, yl:yh, xl:xh].copy()
            a[:, yl:yh, xl:xh] = b[:, yl:yh, xl:xh]
            b[:, yl:yh, xl:xh] = patch
            notes[i] = notes[j] = "CutMix pair, box rows %d-%d, cols %d-%d" % (yl, yh, xl, xh)
        else:
            a, b = fast_blend(a, b, lams[i]), fast_blend(b, a, lams[i])
            notes[i] = notes[j] = "MixUp pair, lam %r" % float(lams[i])
        out[i], out[j] = a, b
    lam_batch = np.concatenate((lams, lams[::-1]))
    targets = checked_timm_target(LABELS, lam_batch, 0.1)
    for i in (0, 2, 5, 7):
        check_region("timm_pair_smoothing_uint8", i, out, x, 7 - i, targets[i], LABELS[i], 0.1, "agree")
    agree = elements(["agree"] * 8, FLIP, notes)
    return dict(
        description="timm FastCollateMixup(mode='pair') on uint8 photos: two pairs CutMix (one box clipped), two "
                    "pairs MixUp (np.rint), label smoothing 0.1 as mixup_target applies it; agree with "
                    "--smoothing 0.1 and with the smoothing inferred",
        source=TIMM + " FastCollateMixup._mix_pair_collate, mixup_target", dtype="uint8", torch_version=None,
        before=x, after=out, targets=targets,
        runs=[("corrected", ["--smoothing", "0.1"], agree), ("corrected", [], agree)])


def case_label_smoothing_uint8():
    x = nchw(photo_batch(48, 64))
    lam = 0.6823
    out = np.stack([fast_blend(x[i], x[7 - i], lam) for i in range(8)])
    targets = timm_target(LABELS, lam, 0.1)
    agree = elements(["agree"] * 8, FLIP, ["MixUp lam %r, smoothing 0.1" % lam] * 8)
    return dict(
        description="timm FastCollateMixup(mode='batch') MixUp on uint8 photos with label smoothing 0.1: "
                    "agree with --smoothing 0.1 and with the smoothing inferred",
        source=TIMM + " FastCollateMixup._mix_batch_collate, mixup_target", dtype="uint8", torch_version=None,
        before=x, after=out, targets=targets,
        runs=[("corrected", ["--smoothing", "0.1"], agree), ("corrected", [], agree)])


CASES = [case_timm_mixup_float32, case_timm_cutmix_float32, case_torchvision_mixup_float32,
         case_torchvision_cutmix_float32, case_timm_mixup_float16_torch113, case_timm_mixup_float16_opmath,
         case_torchvision_mixup_bfloat16, case_timm_elem_float32, case_letterbox_swapped_uint8,
         case_letterbox_uncorrected_uint8, case_uniform_patch_uint8, case_timm_correct_lam_false_uint8,
         case_target_not_mixed_uint8, case_target_not_mixed_float32, case_lam_of_another_element_float32,
         case_lam_of_another_element_mixup_uint8,
         case_lam_of_another_element_cutmix_uint8, case_timm_pair_smoothing_uint8, case_label_smoothing_uint8]


def case_name(fn):
    return fn.__name__[len("case_"):]


def as_given(batch, dtype):
    """The batch as dump_batch takes it. NumPy has no bfloat16, so bfloat16
    values go in a torch tensor built from their bits (the bits are ours;
    torch only carries them)."""
    if dtype != "bfloat16":
        return batch
    import torch

    return torch.from_numpy(bf16_bits(batch).view(np.int16)).view(torch.bfloat16)


def needs(fn):
    """What a case needs beyond NumPy and OpenCV."""
    return ["torch"] if fn is case_torchvision_mixup_bfloat16 else []


def write_case(out_dir, fn):
    c = fn()
    name = case_name(fn)
    folder = os.path.join(out_dir, name)
    os.makedirs(folder, exist_ok=True)
    labels = c.get("labels", LABELS)
    dump_batch(os.path.join(folder, "dump"), as_given(c["before"], c["dtype"]),
               as_given(c["after"], c["dtype"]), labels, c["targets"], layout="NCHW",
               writer="builtin", mean=c.get("mean"), std=c.get("std"), torch_version=c["torch_version"])
    runs = [{"lam_rule": rule, "args": (["--lam-rule", rule] if rule != "corrected" and "--lam-rule" not in args
                                         else []) + list(args), "elements": els} for rule, args, els in c["runs"]]
    expected = {"case": name, "description": c["description"], "source": c["source"], "dtype": c["dtype"],
                "runs": runs}
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    return expected


def digest(folder):
    """sha256 of every file of a written case: NPY and text files by their
    bytes, PNG by their decoded pixels (encoders may differ between versions)."""
    import cv2

    lines = []
    for dirpath, _, files in sorted(os.walk(folder)):
        for f in sorted(files):
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, folder)
            if f.endswith(".png"):
                img = cv2.imread(path, cv2.IMREAD_UNCHANGED)
                data = repr((img.shape, str(img.dtype))).encode() + img.tobytes()
            else:
                with open(path, "rb") as fh:
                    data = fh.read()
            lines.append("%s  %s" % (hashlib.sha256(data).hexdigest(), rel.replace(os.sep, "/")))
    return lines


def available(fn):
    import importlib.util

    return all(importlib.util.find_spec(m) for m in needs(fn))


def generate(out_dir, quiet=False):
    written = [write_case(out_dir, fn) for fn in CASES if available(fn)]
    for fn in CASES:
        if not available(fn):
            print("%s skipped: needs %s" % (case_name(fn), ", ".join(needs(fn))))
    if not quiet:
        for e in written:
            rules = ", ".join("%s%s" % (r["lam_rule"], " " + " ".join(r["args"]) if r["args"] else "")
                              for r in e["runs"])
            print("%-36s %-9s %s" % (e["case"], e["dtype"], rules))
        if checked:
            import torch

            print("checked against torch %s: %s" % (torch.__version__, "; ".join(sorted(set(checked)))))
    return written


def main(argv):
    sums = None
    if len(argv) == 4 and argv[1] == "--sums":
        sums, out = argv[2], argv[3]
    elif len(argv) == 2 and not argv[1].startswith("-"):
        out = argv[1]
    else:
        print(__doc__)
        return 2
    if os.path.exists(out) and os.listdir(out):
        print("%s is not empty: generate into a new folder" % out)
        return 2
    generate(out)
    if sums:
        with open(sums, "w") as f:
            f.write("# sha256 of tests/vectors/audit_cases.py's output (PNG: decoded pixels); regenerate with\n"
                    "# tests/vectors/audit_cases.py --sums tests/data/audit_cases.sums OUTDIR\n")
            f.write("\n".join(digest(out)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
