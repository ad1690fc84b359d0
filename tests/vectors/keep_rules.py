#!/usr/bin/python3
"""Which boxes each library keeps, computed the way each library's source
computes it, in its own number types; the verdicts go to
tests/data/keep_rules.txt, which tst_objects compares with core/math/keeprules.

Sources (each formula below is transcribed from these files):
  ultralytics     ultralytics/ultralytics ultralytics/data/augment.py at
                  359f87dc: RandomPerspective.box_candidates (wh_thr 2, ar_thr
                  100, area_thr 0.1, or 0.01 with segments as __call__ passes
                  it; eps 1e-16) on float32 boxes, and CutMix._mix_transform
                  (the rule of 8.3.120): a pasted box stays when
                  bbox_ioa(cut, box) >= 0.1 (0.01 with segments), with
                  ultralytics/utils/metrics.py bbox_ioa = inter / (area2 +
                  1e-7), the cut a float32 array.
  albumentations  albumentations-team/albumentations
                  albumentations/core/bbox_utils.py at 0071b6b4: filter_bboxes
                  with the defaults of BboxParams (min_area 0, min_visibility
                  0, min_width 0, min_height 0), EPSILON 1e-3, float64.
  torchvision     pytorch/vision torchvision/transforms/v2/functional/_misc.py
                  at 01460443: _get_sanitize_bounding_boxes_mask (min_size 1,
                  min_area 1) on a float32 XYXY tensor.
  all             keeps every box.

Each line: rule, its thresholds ("-" for the library's defaults, else
key=value,... with the keys of the tool's settings), the box before (x1 y1
x2 y2), the box after (0 0 0 0 when nothing is visible), the visible
fraction, pasted (0/1) and the cut (x1 y1 x2 y2), segments (0/1), kept
(0/1). Each rule runs with its defaults and with one other set of
thresholds (VARIANTS). Coordinates are multiples of 1/8, exact in
float32. A case whose verdict differs between float32 and float64, or that
lies within 1e-4 of a threshold, is left out: the tool computes in double,
and the cases test the rule, not the rounding.

usage: keep_rules.py --write FILE
"""
import random
import sys

import numpy as np

f32 = np.float32


def ultralytics_candidates(before, after, segments, dtype, t):
    w1, h1 = dtype(before[2] - before[0]), dtype(before[3] - before[1])
    w2, h2 = dtype(after[2] - after[0]), dtype(after[3] - after[1])
    eps = 1e-16
    area_thr = 0.01 if segments else t["area_thr"]
    ar = max(w2 / dtype(h2 + eps), h2 / dtype(w2 + eps))
    return bool((w2 > t["wh_thr"]) and (h2 > t["wh_thr"]) and (w2 * h2 / dtype(w1 * h1 + eps) > area_thr)
                and (ar < t["ar_thr"]))


def ultralytics_ioa(cut, box, dtype):
    cut = np.asarray(cut, dtype=dtype)
    box = np.asarray(box, dtype=dtype)
    inter = max(dtype(min(cut[2], box[2]) - max(cut[0], box[0])), dtype(0)) * max(
        dtype(min(cut[3], box[3]) - max(cut[1], box[1])), dtype(0))
    area = dtype((box[2] - box[0]) * (box[3] - box[1]))
    return inter / dtype(area + 1e-7)


def ultralytics(c, dtype, t):
    if c["pasted"]:
        thr = 0.01 if c["segments"] else t["ioa_thr"]
        return bool(ultralytics_ioa(c["cut"], c["before"], dtype) >= thr)
    return ultralytics_candidates(c["before"], c["after"], c["segments"], dtype, t)


def albumentations(c, dtype, t):
    eps = 1e-3
    b, a = c["before"], c["after"]
    before = (b[2] - b[0]) * (b[3] - b[1])
    after = (a[2] - a[0]) * (a[3] - a[1])
    w, h = a[2] - a[0], a[3] - a[1]
    return bool(before >= 1 and after >= t["min_area"] - eps and c["visible"] >= t["min_visibility"] - eps
                and w >= max(t["min_width"], 1) and h >= max(t["min_height"], 1))


def torchvision(c, dtype, t):
    a = np.asarray(c["after"], dtype=dtype)
    ws, hs = a[2] - a[0], a[3] - a[1]
    valid = ws >= t["min_size"] and hs >= t["min_size"] and bool((a >= 0).all()) and ws * hs >= t["min_area"]
    valid = valid and a[0] <= 640 and a[2] <= 640 and a[1] <= 480 and a[3] <= 480
    return bool(valid)


# Each rule, its library's defaults, and one other set of thresholds.
RULES = {"ultralytics": ultralytics, "albumentations": albumentations, "torchvision": torchvision,
         "all": lambda c, dtype, t: True}
DEFAULTS = {
    "ultralytics": {"wh_thr": 2.0, "ar_thr": 100.0, "area_thr": 0.1, "ioa_thr": 0.1},
    "albumentations": {"min_visibility": 0.0, "min_area": 0.0, "min_width": 0.0, "min_height": 0.0},
    "torchvision": {"min_size": 1.0, "min_area": 1.0},
    "all": {},
}
VARIANTS = {
    "ultralytics": {"wh_thr": 4.0, "ar_thr": 10.0, "area_thr": 0.3, "ioa_thr": 0.25},
    "albumentations": {"min_visibility": 0.3, "min_area": 50.0, "min_width": 3.0, "min_height": 4.0},
    "torchvision": {"min_size": 3.0, "min_area": 20.0},
}


def near_threshold(c):
    """Within 1e-4 of a threshold some rule compares with (the defaults'
    and the variants')."""
    b, a = c["before"], c["after"]
    w1, h1 = b[2] - b[0], b[3] - b[1]
    w2, h2 = a[2] - a[0], a[3] - a[1]
    sides = [1, 2, 3, 4]
    areas = [1, 20, 50]
    shares = [0.01, 0.1, 0.25, 0.3]
    values = [w2 - s for s in sides] + [h2 - s for s in sides] + [w2 * h2 - s for s in areas] + [w1 * h1 - 1]
    values += [c["visible"] - s for s in shares]
    if w1 * h1 > 0:
        values += [w2 * h2 / (w1 * h1) - s for s in shares]
    if w2 > 0 and h2 > 0:
        values += [max(w2 / h2, h2 / w2) - r for r in (10, 100)]
    if c["pasted"]:
        ioa = float(ultralytics_ioa(c["cut"], b, np.float64))
        values += [ioa - s for s in shares]
    return any(abs(v) < 1e-4 for v in values)


def eighth(rng, lo, hi):
    return rng.randint(int(lo * 8), int(hi * 8)) / 8.0


def random_case(rng):
    x1, y1 = eighth(rng, 0, 600), eighth(rng, 0, 440)
    # Small boxes and thin ones too, to reach the size and aspect thresholds.
    w = eighth(rng, 0.125, 640 - x1) if rng.random() < 0.6 else eighth(rng, 0.125, min(6, 640 - x1))
    h = eighth(rng, 0.125, 480 - y1) if rng.random() < 0.6 else eighth(rng, 0.125, min(6, 480 - y1))
    before = [x1, y1, x1 + w, y1 + h]
    roll = rng.random()
    if roll < 0.1:
        after = [0.0, 0.0, 0.0, 0.0]
        visible = 0.0
    elif roll < 0.4:
        after = list(before)
        visible = rng.random() if rng.random() < 0.5 else 1.0
    else:
        ax1 = eighth(rng, before[0], before[2] - 0.125)
        ay1 = eighth(rng, before[1], before[3] - 0.125)
        ax2 = eighth(rng, ax1 + 0.125, before[2])
        ay2 = eighth(rng, ay1 + 0.125, before[3])
        after = [ax1, ay1, ax2, ay2]
        visible = (ax2 - ax1) * (ay2 - ay1) / (w * h) * (1.0 if rng.random() < 0.5 else rng.random())
    pasted = rng.random() < 0.4
    cut = [0, 0, 0, 0]
    if pasted:
        cx1, cy1 = rng.randint(0, 600), rng.randint(0, 440)
        cut = [cx1, cy1, rng.randint(cx1 + 1, 640), rng.randint(cy1 + 1, 480)]
    return {"before": before, "after": after, "visible": visible, "pasted": pasted, "cut": cut,
            "segments": rng.random() < 0.3}


def main():
    if len(sys.argv) != 3 or sys.argv[1] != "--write":
        print(__doc__)
        return 2
    rng = random.Random(22)
    lines = ["# rule thresholds before(x1 y1 x2 y2) after(x1 y1 x2 y2) visible pasted cut(x1 y1 x2 y2) segments kept",
             "# written by tests/vectors/keep_rules.py --write"]
    runs = [(name, "-", DEFAULTS[name]) for name in RULES]
    runs += [(name, ",".join(f"{k}={v!r}" for k, v in t.items()), t) for name, t in VARIANTS.items()]
    per_run = [0] * len(runs)
    while min(per_run) < 150:
        c = random_case(rng)
        if near_threshold(c):
            continue
        for i, (name, text, t) in enumerate(runs):
            rule = RULES[name]
            kept32, kept64 = rule(c, np.float32, t), rule(c, np.float64, t)
            if kept32 != kept64 or per_run[i] >= 150:
                continue
            per_run[i] += 1
            nums = c["before"] + c["after"] + [c["visible"], int(c["pasted"])] + c["cut"] + [int(c["segments"])]
            lines.append(" ".join([name, text] + [repr(float(v)) if isinstance(v, float) else str(v) for v in nums] +
                                  [str(int(kept64))]))
    with open(sys.argv[2], "w") as out:
        out.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
