#!/usr/bin/python3
"""Boxes and weights computed the way each library's source computes them, in
the library's own number types, over thousands of inputs including rounding
edges; compared with `cutmix box --batch`.

Sources (each formula below is transcribed from these files):
  official / official-raw  clovaai/CutMix-PyTorch train.py (rand_bbox, commit
                           2d8eb68f) and huggingface/pytorch-image-models
                           timm/data/mixup.py (rand_bbox, cutmix_bbox_and_lam):
                           Python doubles.
  timm-minmax              timm/data/mixup.py rand_bbox_minmax (the cut and the
                           corner are inputs here).
  keras-cv                 keras-team/keras-cv keras_cv/src/layers/preprocessing/
                           cut_mix.py at 2fab47e9 and keras_cv/src/utils/
                           fill_utils.py: float32 lam, ratio and cut; float32
                           mask corners; weight 1 - area/(H*W) in float64 (int32
                           true division), cast to float32.
  kornia                   kornia/kornia kornia/augmentation/random_generator/_2d/
                           cutmix.py at 076fa06e (CutmixGenerator),
                           kornia/augmentation/_2d/mix/cutmix.py (RandomCutMixV2
                           with use_correct_lambda) and kornia/geometry/bbox.py
                           (bbox_generator, bbox_to_mask, infer_bbox_shape):
                           float32 cut and start, the -1 start when the cut fills
                           a side, weights from the nominal cut in float32.

usage: library_boxes.py CUTMIX            run the comparison (exit 1 on a mismatch)
       library_boxes.py --write FILE      write the vectors (tests/data/library_boxes.txt)
"""
import math
import subprocess
import sys

import numpy as np

f32 = np.float32


def ulps_around(x, n):
    """float32 values n ulps either side of float32(x), within [0, 1]."""
    out = []
    v = f32(x)
    lo = hi = v
    out.append(v)
    for _ in range(n):
        lo = np.nextafter(lo, f32(-1))
        hi = np.nextafter(hi, f32(2))
        out += [lo, hi]
    return [float(t) for t in out if 0.0 <= t <= 1.0]


def edge_lams(side):
    """lam values one or two float32 ulps around the points where
    side * sqrt(1 - lam) crosses an integer, plus 0, 1 and their neighbours."""
    lams = [0.0, 1.0, 2.0 ** -24, 2.0 ** -25, 2.0 ** -30, 1 - 2.0 ** -24, 0.5]
    ks = range(side + 1) if side <= 40 else sorted(set(np.linspace(0, side, 40).astype(int)))
    for k in ks:
        lams += ulps_around(1.0 - (k / side) ** 2, 2)
    return lams


SIDES = [(1, 1), (2, 1), (1, 2), (2, 2), (4, 2), (3, 7), (31, 17), (224, 224), (320, 180), (1000, 999), (4999, 3)]


# ---- the libraries' formulas

def official_box(W, H, lam, cx, cy):
    ratio = np.sqrt(1.0 - lam)  # float64
    cut_w, cut_h = int(W * ratio), int(H * ratio)
    x1, x2 = np.clip(cx - cut_w // 2, 0, W), np.clip(cx + cut_w // 2, 0, W)
    y1, y2 = np.clip(cy - cut_h // 2, 0, H), np.clip(cy + cut_h // 2, 0, H)
    area = (x2 - x1) * (y2 - y1)
    return int(x1), int(y1), int(x2), int(y2), 1.0 - area / float(W * H)


def keras_box(W, H, lam, cx, cy):
    lam32 = f32(lam)
    ratio = np.sqrt(f32(1.0) - lam32)          # tf.math.sqrt(1 - lambda_sample), float32
    cut_h = int(ratio * f32(H))                # tf.cast(float32, int32) truncates
    cut_w = int(ratio * f32(W))
    x0, x1 = f32(cx) - f32(cut_w) / f32(2), f32(cx) + f32(cut_w) / f32(2)   # center_xywh -> xyxy in float32
    y0, y1 = f32(cy) - f32(cut_h) / f32(2), f32(cy) + f32(cut_h) / f32(2)
    cols = [i for i in range(W) if f32(i) >= x0 and f32(i) < x1]
    rows = [j for j in range(H) if f32(j) >= y0 and f32(j) < y1]
    bx = (cols[0], cols[-1] + 1) if cols else None
    by = (rows[0], rows[-1] + 1) if rows else None
    weight = float(f32(1.0 - (cut_h * cut_w) / (H * W)))  # int32 truediv is float64, then cast to float32
    return bx, by, weight


def kornia_box(W, H, lam, ux, uy, corrected):
    lam32 = f32(lam)
    rate = np.sqrt(f32(1.0) - lam32) * f32(1.0)   # sqrt(1 - cutmix_betas) * batch_probs
    cut_h = np.floor(rate * f32(H))
    cut_w = np.floor(rate * f32(W))
    x_start = np.floor(f32(ux) * (f32(W) - cut_w - f32(1)))
    y_start = np.floor(f32(uy) * (f32(H) - cut_h - f32(1)))
    cw, ch, xs, ys = int(cut_w), int(cut_h), int(x_start), int(y_start)
    # bbox_generator: corners xs .. xs + cw - 1; bbox_to_mask fills them inclusive, inside the image.
    cols = [i for i in range(W) if xs <= i <= xs + cw - 1]
    rows = [j for j in range(H) if ys <= j <= ys + ch - 1]
    # infer_bbox_shape gives the nominal cut back: the weight counts all of it.
    lam_val = (f32(cw) * f32(ch)) / (f32(W) * f32(H))
    weight = float(f32(1.0) - lam_val) if corrected else float(lam_val)
    bx = (cols[0], cols[-1] + 1) if cols else None
    by = (rows[0], rows[-1] + 1) if rows else None
    return bx, by, weight


def minmax_box(W, H, cut_w, cut_h, x, y):
    area = cut_w * cut_h
    return x, y, x + cut_w, y + cut_h, 1.0 - area / float(W * H)


def as_line(bx, by, W, H, weight):
    if bx is None or by is None:   # an empty mask: no pixel of B
        x1 = y1 = x2 = y2 = None
        area = 0
    else:
        (x1, x2), (y1, y2) = bx, by
        area = (x2 - x1) * (y2 - y1)
    return x1, y1, x2, y2, 1.0 - area / float(W * H), weight


# ---- the inputs

def cases(seed=20261129):
    rng = np.random.default_rng(seed)
    out = {"official": [], "keras-cv": [], "kornia": [], "timm-minmax": []}
    for W, H in SIDES:
        lams = sorted(set(edge_lams(W) + edge_lams(H))) + list(rng.random(30))
        for lam in lams:
            for cx, cy in [(0, 0), (W - 1, H - 1), (W // 2, H // 2), (int(rng.integers(W)), int(rng.integers(H)))]:
                out["official"].append((W, H, lam, cx, cy))
                out["keras-cv"].append((W, H, lam, cx, cy))
            largest = float(np.nextafter(f32(1), f32(0)))
            for ux, uy in [(0.0, 0.0), (largest, largest), (0.5, 0.25), (float(f32(rng.random())), float(f32(rng.random())))]:
                out["kornia"].append((W, H, lam, ux, uy))
        for _ in range(40):
            cw, ch = int(rng.integers(0, W + 1)), int(rng.integers(0, H + 1))
            x, y = int(rng.integers(0, W - cw + 1)), int(rng.integers(0, H - ch + 1))
            out["timm-minmax"].append((W, H, cw, ch, x, y))
    return out


def expected(convention, row, corrected):
    if convention == "official":
        x1, y1, x2, y2, adj = official_box(*row)
        return x1, y1, x2, y2, adj, adj if corrected else row[2]
    if convention == "keras-cv":
        W, H = row[0], row[1]
        bx, by, weight = keras_box(*row)
        return as_line(bx, by, W, H, weight)
    if convention == "kornia":
        W, H = row[0], row[1]
        bx, by, weight = kornia_box(*row, corrected)
        return as_line(bx, by, W, H, weight)
    x1, y1, x2, y2, adj = minmax_box(*row)
    return x1, y1, x2, y2, adj, adj


RUNS = [("official", "yes"), ("official", "no"), ("keras-cv", None), ("kornia", "no"), ("kornia", "yes"), ("timm-minmax", None)]


def fmt(v):
    return repr(float(v)) if isinstance(v, (float, np.floating)) else str(v)


def input_line(row):
    return " ".join(fmt(v) for v in row)


def run(cutmix):
    all_cases = cases()
    failures = checked = 0
    for convention, correct in RUNS:
        rows = all_cases[convention]
        args = [cutmix, "box", "--batch", "--with-weight", "--convention", convention]
        if correct:
            args += ["--correct-lam", correct]
        if convention == "kornia":
            args.append("--uniforms")
        text = "\n".join(input_line(r) for r in rows) + "\n"
        got = subprocess.run(args, input=text, capture_output=True, text=True, check=True).stdout.splitlines()
        assert len(got) == len(rows), (convention, len(got), len(rows))
        for row, line in zip(rows, got):
            x1, y1, x2, y2, adj, weight = expected(convention, row, correct != "no")
            g = line.split()
            gx1, gy1, gx2, gy2 = map(int, g[:4])
            gadj, gweight = float(g[4]), float(g[5])
            empty = gx1 == gx2 or gy1 == gy2
            box_ok = (empty and x1 is None) or (x1, y1, x2, y2) == (gx1, gy1, gx2, gy2) or (empty and x1 is not None and (x1 == x2 or y1 == y2))
            checked += 1
            if not box_ok or gadj != adj or gweight != weight:
                failures += 1
                if failures <= 20:
                    print(f"MISMATCH {convention} correct={correct} input [{input_line(row)}]: "
                          f"library {(x1, y1, x2, y2)} adj {adj!r} weight {weight!r}; cutmix {line}")
    print(f"{checked} inputs over {len(RUNS)} runs compared with the libraries' formulas: {failures} mismatches")
    return 1 if failures else 0


def write(path):
    all_cases = cases()
    with open(path, "w") as f:
        f.write("# Generated by tests/vectors/library_boxes.py: convention correct | input | x1 y1 x2 y2 lam_adj weight\n")
        for convention, correct in RUNS:
            for row in all_cases[convention]:
                x1, y1, x2, y2, adj, weight = expected(convention, row, correct != "no")
                box = "empty" if x1 is None else f"{x1} {y1} {x2} {y2}"
                f.write(f"{convention} {correct or '-'} | {input_line(row)} | {box} {adj!r} {weight!r}\n")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--write":
        write(sys.argv[2])
    elif len(sys.argv) == 2:
        sys.exit(run(sys.argv[1]))
    else:
        print(__doc__)
        sys.exit(2)
