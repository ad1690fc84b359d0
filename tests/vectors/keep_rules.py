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
thresholds (VARIANTS). The random cases' coordinates are multiples of
1/8, exact in float32; a random case whose verdict differs between float32
and float64, or that lies within 1e-4 of a threshold, is left out there:
they test the rules, and the tool computes Albumentations' and
torchvision's in double. Ultralytics' rule is computed in float32 by the
tool as by the library, so its edges follow (EDGES: boxes exactly at its
thresholds; NEAR: boxes a few float32 ulps from them whose float32 and
float64 verdicts differ), each with the float32 verdict.

usage: keep_rules.py --write FILE     write the vectors (tests/data/keep_rules.txt)
       keep_rules.py --check FILE     exit 1 unless FILE is what --write would write
"""
import random
import sys

import numpy as np

f32 = np.float32


def box_candidates(box1, box2, wh_thr=2, ar_thr=100, area_thr=0.1, eps=1e-16):
    """RandomPerspective.box_candidates as written, on (4, n) arrays: with
    float32 arrays NumPy keeps every step in float32 (a Python float such as
    eps or a threshold does not promote them)."""
    w1, h1 = box1[2] - box1[0], box1[3] - box1[1]
    w2, h2 = box2[2] - box2[0], box2[3] - box2[1]
    ar = np.maximum(w2 / (h2 + eps), h2 / (w2 + eps))
    return (w2 > wh_thr) & (h2 > wh_thr) & (w2 * h2 / (w1 * h1 + eps) > area_thr) & (ar < ar_thr)


def bbox_ioa(box1, box2, eps=1e-7):
    """ultralytics/utils/metrics.py bbox_ioa as written, (n, 4) and (m, 4)."""
    b1_x1, b1_y1, b1_x2, b1_y2 = box1.T
    b2_x1, b2_y1, b2_x2, b2_y2 = box2.T
    inter_area = (np.minimum(b1_x2[:, None], b2_x2) - np.maximum(b1_x1[:, None], b2_x1)).clip(0) * (
        np.minimum(b1_y2[:, None], b2_y2) - np.maximum(b1_y1[:, None], b2_y1)).clip(0)
    area = (b2_x2 - b2_x1) * (b2_y2 - b2_y1)
    return inter_area / (area + eps)


def ultralytics_candidates(before, after, segments, dtype, t):
    box1 = np.asarray(before, dtype=dtype).reshape(4, 1)
    box2 = np.asarray(after, dtype=dtype).reshape(4, 1)
    return bool(box_candidates(box1, box2, wh_thr=t["wh_thr"], ar_thr=t["ar_thr"],
                               area_thr=0.01 if segments else t["area_thr"])[0])


def ultralytics_ioa(cut, box, dtype):
    # CutMix: cut_areas = np.asarray([...], dtype=np.float32), the boxes the
    # float32 array of Instances; bbox_ioa(area[None], boxes).squeeze(0).
    return bbox_ioa(np.asarray([cut], dtype=dtype), np.asarray([box], dtype=dtype)).squeeze(0)


def ultralytics(c, dtype, t):
    if c["pasted"]:
        thr = 0.01 if c["segments"] else t["ioa_thr"]
        return bool((ultralytics_ioa(c["cut"], c["before"], dtype) >= thr)[0])
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
        ioa = float(ultralytics_ioa(c["cut"], b, np.float64)[0])
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


def case(before, after, pasted=False, cut=(0, 0, 0, 0), segments=False, visible=None):
    if visible is None:
        b, a = before, after
        visible = (a[2] - a[0]) * (a[3] - a[1]) / ((b[2] - b[0]) * (b[3] - b[1]))
    return {"before": [float(v) for v in before], "after": [float(v) for v in after], "visible": float(visible),
            "pasted": pasted, "cut": list(cut), "segments": segments}


# Ultralytics at its thresholds, where its float32 arithmetic decides (the
# tool follows it there too): (what, case).
EDGES = [
    # bbox_ioa = 10 / float32(100 + 1e-7) = float32(0.1) >= 0.1: kept (in
    # double 10 / (100 + 1e-7) < 0.1 would drop it).
    ("exactly 10 % inside the cut", case([19, 10, 29, 20], [19, 10, 20, 20], True, [10, 10, 20, 20])),
    ("exactly 1 % inside, segments", case([19, 10, 119, 20], [19, 10, 20, 20], True, [10, 10, 20, 20], True)),
    ("9.09 % inside", case([0, 10, 11, 20], [10, 10, 11, 20], True, [10, 10, 20, 20])),
    ("exactly 25 % inside", case([17.5, 10, 27.5, 20], [17.5, 10, 20, 20], True, [10, 10, 20, 20])),
    # w2 * h2 / (w1 * h1 + 1e-16) = 10 / 100 = float32(0.1), not > 0.1.
    ("area kept exactly 10 %", case([100, 100, 120, 105], [100, 100, 104, 102.5])),
    ("area kept exactly 30 %", case([100, 100, 120, 105], [100, 100, 112, 102.5])),
    ("width exactly 2 px", case([100, 100, 110, 110], [100, 100, 102, 110])),
    ("height exactly 2 px", case([100, 100, 110, 110], [100, 100, 110, 102])),
    ("width exactly 4 px", case([100, 100, 110, 110], [100, 100, 104, 110])),
    ("width one float32 ulp above 2 px", case([100, 100, 110, 110], [100, 100, 102.0000152587890625, 110])),
    ("aspect exactly 100", case([0, 100, 300, 103], [0, 100, 300, 103])),
    ("aspect exactly 100, tall", case([100, 0, 103, 300], [100, 0, 103, 300])),
    ("aspect exactly 10", case([0, 100, 30, 103], [0, 100, 30, 103])),
]

# Boxes a few float32 ulps from each threshold, kept where float32 and
# float64 verdicts differ: (what, the case at the threshold, whose
# coordinates are moved). A width or height cannot differ: two float32
# coordinates this close subtract exactly; the ratios can, through the
# rounding of a subtraction, a product or a quotient.
NEAR = [
    ("ioa", case([19, 10, 29, 20], [19, 10, 20, 20], True, [10, 10, 20, 20])),
    ("ioa 25 %", case([17.5, 10, 27.5, 20], [17.5, 10, 20, 20], True, [10, 10, 20, 20])),
    ("area", case([100, 100, 120, 105], [100, 100, 104, 102.5])),
    ("area 30 %", case([100, 100, 120, 110], [100, 100, 112, 105])),
    ("aspect", case([0, 100, 300, 103], [0, 100, 300, 103])),
]


def moved(rng, c):
    """c shifted by a random float32 offset, each coordinate then moved by
    up to 3 float32 ulps (the cut stays whole pixels)."""
    dx, dy = f32(rng.uniform(0.0, 200.0)), f32(rng.uniform(0.0, 200.0))
    if c["pasted"]:
        dx, dy = f32(0), f32(0)

    def move(box):
        out = []
        for i, v in enumerate(box):
            v = f32(v) + (dx if i % 2 == 0 else dy)
            for _ in range(rng.randint(0, 3)):
                v = np.nextafter(v, f32(1e9) if rng.random() < 0.5 else f32(-1e9))
            out.append(float(v))
        return out

    before = move(c["before"])
    if c["pasted"]:
        after = list(c["after"])
    elif c["after"] == c["before"]:
        after = list(before)
    else:
        after = move(c["after"])
    return case(before, after, c["pasted"], c["cut"], c["segments"])


def line(name, text, c, kept):
    nums = c["before"] + c["after"] + [c["visible"], int(c["pasted"])] + c["cut"] + [int(c["segments"])]
    return " ".join([name, text] + [repr(float(v)) if isinstance(v, float) else str(v) for v in nums] +
                    [str(int(kept))])


def vectors():
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
            lines.append(line(name, text, c, kept32 if name == "ultralytics" else kept64))
    # Ultralytics at its thresholds: the verdict of its float32 arithmetic.
    ultra = [("-", DEFAULTS["ultralytics"]),
             (",".join(f"{k}={v!r}" for k, v in VARIANTS["ultralytics"].items()), VARIANTS["ultralytics"])]
    lines.append("# Ultralytics at its thresholds, in float32 as the library computes")
    for what, c in EDGES:
        for text, t in ultra:
            lines.append(line("ultralytics", text, c, ultralytics(c, np.float32, t)))
    lines.append("# Ultralytics a few float32 ulps from its thresholds, where float32 and float64 disagree")
    for what, c0 in NEAR:
        for text, t in ultra:
            found = tries = 0
            while found < 4 and tries < 20000:
                tries += 1
                c = moved(rng, c0)
                kept32, kept64 = ultralytics(c, np.float32, t), ultralytics(c, np.float64, t)
                new = line("ultralytics", text, c, kept32)
                if kept32 != kept64 and new not in lines:
                    found += 1
                    lines.append(new)
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--write":
        with open(sys.argv[2], "w") as out:
            out.write(vectors())
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        with open(sys.argv[2]) as f:
            if f.read() != vectors():
                print(f"{sys.argv[2]} is not what keep_rules.py writes: run keep_rules.py --write {sys.argv[2]}")
                return 1
        print("keep_rules.txt: as keep_rules.py writes it")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
