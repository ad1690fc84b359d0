#!/usr/bin/python3
"""The draws of training runs, made by NumPy itself (Debian's python3-numpy),
following the training code line by line; compared with `cutmix replay`.

  official  clovaai/CutMix-PyTorch train.py, commit 2d8eb68f (lines 228-245 and
            rand_bbox at 279-295): r = np.random.rand(1); if beta > 0 and
            r < cutmix_prob: lam = np.random.beta(beta, beta), rand_bbox(input.size(),
            lam) with W = size[2] (rows) and H = size[3] (columns), cx =
            np.random.randint(W), cy = np.random.randint(H); lam corrected.
  timm      huggingface/pytorch-image-models timm/data/mixup.py, Mixup with
            mode='batch' and no cutmix_minmax: _params_per_batch, _mix_batch,
            cutmix_bbox_and_lam and rand_bbox (margin 0, count None).

usage: numpy_replay.py CUTMIX [--quick] compare every configuration (--quick: every fifth; exit 1 on a mismatch)
       numpy_replay.py --write FILE     write the committed vectors (tests/data/numpy_replay.txt)
"""
import hashlib
import subprocess
import sys

import numpy as np


def fmt(v):
    s = "%.17g" % v
    return s if any(c in s for c in ".en") else s + ".0"


def line(it, method, lam_sampled, box, lam):
    ls = "" if lam_sampled is None else fmt(lam_sampled)
    b = ",,," if box is None else ",".join(str(int(v)) for v in box)
    return f"{it},{method},{ls},{b},{fmt(lam)}"


def official(seed, W, H, beta, cutmix_prob, n):
    np.random.seed(seed)
    size = (8, 3, H, W)  # an NCHW batch: size[2] is the row count
    out = []
    for it in range(n):
        r = np.random.rand(1)
        if beta > 0 and r < cutmix_prob:
            lam = np.random.beta(beta, beta)
            # rand_bbox, with the official code's names: its W is the rows
            rW, rH = size[2], size[3]
            cut_rat = np.sqrt(1. - lam)
            cut_w = int(rW * cut_rat)
            cut_h = int(rH * cut_rat)
            cx = np.random.randint(rW)
            cy = np.random.randint(rH)
            bbx1 = np.clip(cx - cut_w // 2, 0, rW)
            bby1 = np.clip(cy - cut_h // 2, 0, rH)
            bbx2 = np.clip(cx + cut_w // 2, 0, rW)
            bby2 = np.clip(cy + cut_h // 2, 0, rH)
            lam_adj = 1 - ((bbx2 - bbx1) * (bby2 - bby1) / (size[-1] * size[-2]))
            # bbx are rows, bby are columns: x1 = bby1, y1 = bbx1
            out.append(line(it, "cutmix", lam, (bby1, bbx1, bby2, bbx2), lam_adj))
        else:
            out.append(line(it, "none", None, None, 1.0))
    return out


def timm(seed, W, H, mixup_alpha, cutmix_alpha, prob, switch_prob, correct_lam, n):
    np.random.seed(seed)
    img_shape = (3, H, W)
    out = []
    for it in range(n):
        # _params_per_batch
        lam = 1.
        use_cutmix = False
        drawn = None
        if np.random.rand() < prob:
            if mixup_alpha > 0. and cutmix_alpha > 0.:
                use_cutmix = np.random.rand() < switch_prob
                lam_mix = np.random.beta(cutmix_alpha, cutmix_alpha) if use_cutmix else \
                    np.random.beta(mixup_alpha, mixup_alpha)
            elif mixup_alpha > 0.:
                lam_mix = np.random.beta(mixup_alpha, mixup_alpha)
            elif cutmix_alpha > 0.:
                use_cutmix = True
                lam_mix = np.random.beta(cutmix_alpha, cutmix_alpha)
            lam = float(lam_mix)
            drawn = lam
        # _mix_batch
        if lam == 1.:
            out.append(line(it, "none", drawn, None, 1.0))
            continue
        if use_cutmix:
            ratio = np.sqrt(1 - lam)
            img_h, img_w = img_shape[-2:]
            cut_h, cut_w = int(img_h * ratio), int(img_w * ratio)
            margin_y, margin_x = int(0. * cut_h), int(0. * cut_w)
            cy = np.random.randint(0 + margin_y, img_h - margin_y, size=None)
            cx = np.random.randint(0 + margin_x, img_w - margin_x, size=None)
            yl = np.clip(cy - cut_h // 2, 0, img_h)
            yh = np.clip(cy + cut_h // 2, 0, img_h)
            xl = np.clip(cx - cut_w // 2, 0, img_w)
            xh = np.clip(cx + cut_w // 2, 0, img_w)
            reported = lam
            if correct_lam:
                bbox_area = (yh - yl) * (xh - xl)
                reported = 1. - bbox_area / float(img_shape[-2] * img_shape[-1])
            out.append(line(it, "cutmix", lam, (xl, yl, xh, yh), reported))
        else:
            out.append(line(it, "mixup", lam, None, lam))
    return out


SEEDS = [0, 1, 42, 123456789, 2 ** 31 - 1, 2 ** 32 - 1]


def configs():
    """(cutmix replay arguments, NumPy's lines) for every configuration."""
    # One-pixel sides: randint(1) draws nothing.
    for seed in [0, 2 ** 32 - 1]:
        for W, H in [(1, 1), (1, 5), (6, 1)]:
            args = ["--recipe", "official", "--numpy-seed", str(seed), "--size", f"{W}x{H}",
                    "--alpha", "1.0", "--prob", "0.7", "--iterations", "1000"]
            yield args, (lambda s=seed, w=W, h=H: official(s, w, h, 1.0, 0.7, 1000))
    for seed in SEEDS:
        for alpha in [0.1, 0.5, 1.0, 2.0, 100.0]:
            for prob in [0.0, 0.5, 1.0]:
                for W, H in [(224, 224), (320, 180)]:
                    n = 10000 if (alpha in (0.1, 1.0, 100.0) and prob == 1.0) else 1000
                    args = ["--recipe", "official", "--numpy-seed", str(seed), "--size", f"{W}x{H}",
                            "--alpha", repr(alpha), "--prob", repr(prob), "--iterations", str(n)]
                    yield args, (lambda s=seed, w=W, h=H, a=alpha, p=prob, n=n: official(s, w, h, a, p, n))
        for mixup, cutmix in [(0.8, 1.0), (0.0, 1.0), (0.2, 0.0), (0.1, 100.0), (100.0, 0.1)]:
            for prob, switch in [(1.0, 0.5), (0.5, 0.5), (1.0, 0.0), (1.0, 1.0), (0.0, 0.5)]:
                for correct in [True, False]:
                    W, H = (224, 224) if correct else (2, 3)
                    n = 10000 if (prob == 1.0 and switch == 0.5) else 1000
                    args = ["--recipe", "timm", "--numpy-seed", str(seed), "--size", f"{W}x{H}",
                            "--mixup-alpha", repr(mixup), "--cutmix-alpha", repr(cutmix), "--prob", repr(prob),
                            "--switch-prob", repr(switch), "--correct-lam", "yes" if correct else "no",
                            "--iterations", str(n)]
                    yield args, (lambda s=seed, w=W, h=H, m=mixup, c=cutmix, p=prob, q=switch, k=correct, n=n:
                                 timm(s, w, h, m, c, p, q, k, n))


HEADER = "iteration,method,lam_sampled,x1,y1,x2,y2,lam"


def run(cutmix, quick):
    failures = total = runs = 0
    for k, (args, make) in enumerate(configs()):
        if quick and k % 5:
            continue
        runs += 1
        expected = [HEADER] + make()
        got = subprocess.run([cutmix, "replay"] + args, capture_output=True, text=True, check=True).stdout.splitlines()
        total += len(expected) - 1
        if got != expected:
            failures += 1
            first = next((i for i, (a, b) in enumerate(zip(got, expected)) if a != b), min(len(got), len(expected)))
            print(f"MISMATCH cutmix replay {' '.join(args)}: line {first}: cutmix "
                  f"{got[first] if first < len(got) else '<end>'!r}, NumPy {expected[first] if first < len(expected) else '<end>'!r}")
    # --start consumes the draws before it.
    args = ["--recipe", "timm", "--numpy-seed", "7", "--size", "64x48", "--mixup-alpha", "0.8",
            "--cutmix-alpha", "1.0", "--iterations", "100", "--start", "5000"]
    expected = [HEADER] + timm(7, 64, 48, 0.8, 1.0, 1.0, 0.5, True, 5100)[5000:]
    got = subprocess.run([cutmix, "replay"] + args, capture_output=True, text=True, check=True).stdout.splitlines()
    if got != expected:
        failures += 1
        print("MISMATCH with --start 5000")
    print(f"{total} iterations in {runs} runs plus --start compared with NumPy "
          f"{np.__version__}: {failures} runs differ")
    return 1 if failures else 0


def write(path):
    with open(path, "w") as f:
        f.write(f"# Generated by tests/vectors/numpy_replay.py with NumPy {np.__version__}.\n"
                "# Per run: 'run' and the cutmix replay arguments; 'sha256' of the whole CSV output\n"
                "# (header included, lines ending in \\n) and its line count; then its first 12 lines.\n")
        for args, make in configs():
            text = "\n".join([HEADER] + make()) + "\n"
            lines = text.splitlines()
            f.write("run " + " ".join(args) + "\n")
            f.write(f"sha256 {hashlib.sha256(text.encode()).hexdigest()} {len(lines)}\n")
            for l in lines[:12]:
                f.write(l + "\n")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--write":
        write(sys.argv[2])
    elif len(sys.argv) in (2, 3):
        sys.exit(run(sys.argv[1], sys.argv[2:] == ["--quick"]))
    else:
        print(__doc__)
        sys.exit(2)
