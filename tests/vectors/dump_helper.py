"""python/cutmix_dump.py's PNG dumps against `cutmix audit`: batches mixed
here in NumPy (and PyTorch when Debian's python3-torch is there), as 16-bit
NCHW and uint8 NHWC arrays and uint8 tensors, dumped with every PNG writer
available; a correct batch must audit clean (exit 0) and a batch with
swapped weights must be flagged with that cause (exit 1). Float batches are
dumped as NPY (dump format 2): tests/vectors/audit_libraries.py audits them,
tests/python/test_cutmix_dump.py checks they are stored bit for bit.

Usage: dump_helper.py path/to/cutmix
"""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "python"))
from cutmix_dump import dump_batch  # noqa: E402

cli = sys.argv[1]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def audit(folder, *extra):
    report = os.path.join(folder, "report.json")
    p = subprocess.run([cli, "audit", folder, "--json", report] + list(extra), capture_output=True, text=True)
    data = json.load(open(report)) if os.path.exists(report) else None
    return p.returncode, p.stdout + p.stderr, data


def smooth(onehot, s):
    return onehot * (1 - s) + s / onehot.shape[1]


def cutmix_flip(x, lam, rng):
    """A timm-style CutMix of a NCHW float batch with its flip; the corrected lam."""
    n, c, h, w = x.shape
    cut = np.sqrt(1 - lam)
    ch, cw = int(h * cut), int(w * cut)
    cy, cx = rng.integers(h), rng.integers(w)
    y1, y2 = np.clip(cy - ch // 2, 0, h), np.clip(cy + ch // 2, 0, h)
    x1, x2 = np.clip(cx - cw // 2, 0, w), np.clip(cx + cw // 2, 0, w)
    out = x.copy()
    out[:, :, y1:y2, x1:x2] = x[::-1][:, :, y1:y2, x1:x2]
    return out, 1 - (y2 - y1) * (x2 - x1) / (h * w)


def writers():
    names = ["builtin"]
    if importlib.util.find_spec("cv2"):
        names.append("opencv")
    if importlib.util.find_spec("PIL"):
        names.append("pillow")
    return names


rng = np.random.default_rng(7)
n, k, s = 6, 5, 0.1
labels = np.array([0, 1, 2, 3, 4, 0])
onehot = np.eye(k)[labels]
for writer in writers():
    # 16-bit NCHW: CutMix with the flip, and MixUp rounded to nearest in float32.
    x = (rng.random((n, 3, 24, 32)) * 65535).round().astype(np.uint16)
    mixed, lam = cutmix_flip(x, 0.6, rng)
    targets = lam * smooth(onehot, s) + (1 - lam) * smooth(onehot[::-1], s)
    with tempfile.TemporaryDirectory() as d:
        dump_batch(d, x, mixed, labels, targets, classes=["a", "b", "c", "d", "e"], writer=writer)
        code, out, rep = audit(d)
        check(code == 0, writer + ": 16-bit CutMix should audit clean:\n" + out)
        check(rep and rep["summary"]["partner_rule"] == "flip", writer + ": partners are flipped")
        check(json.load(open(os.path.join(d, "dump.json")))["dtype"] == "uint16", writer + ": dump.json says uint16")
    lam = 0.3
    mixed = np.rint(x.astype(np.float32) * lam + x[::-1].astype(np.float32) * (1 - lam)).astype(np.uint16)
    targets = lam * smooth(onehot, s) + (1 - lam) * smooth(onehot[::-1], s)
    with tempfile.TemporaryDirectory() as d:
        dump_batch(d, x, mixed, labels, targets, writer=writer)
        code, out, rep = audit(d, "--smoothing", str(s))
        check(code == 0, writer + ": 16-bit MixUp should audit clean:\n" + out)
        check(rep and all(e["method"] == "mixup" for e in rep["elements"]), writer + ": every element is a blend")
        check(rep and all(e["share_own"][0] - 1e-4 <= lam <= e["share_own"][1] + 1e-4 for e in rep["elements"]),
              writer + ": the measured share brackets lam")
    # uint8 NHWC, gray: a wrong target is flagged and named.
    g = rng.integers(0, 256, (n, 20, 28, 1), dtype=np.uint8)
    lam = 0.75
    mixed = g.copy()
    mixed[:, 2:12, 4:18] = g[::-1][:, 2:12, 4:18]
    lam = 1 - 10 * 14 / (20 * 28)
    good = lam * onehot + (1 - lam) * onehot[::-1]
    bad = (1 - lam) * onehot + lam * onehot[::-1]
    with tempfile.TemporaryDirectory() as d:
        dump_batch(d, g, mixed, labels, good, layout="NHWC", writer=writer)
        code, out, _ = audit(d)
        check(code == 0, writer + ": uint8 gray CutMix should audit clean:\n" + out)
    with tempfile.TemporaryDirectory() as d:
        dump_batch(d, g, mixed, labels, bad, layout="NHWC", writer=writer)
        code, out, rep = audit(d)
        check(code == 1, writer + ": swapped weights must be flagged:\n" + out)
        causes = [e["cause"] for e in rep["elements"]] if rep else []
        check(causes.count("weights-swapped") >= 4, writer + ": the cause is named: %r" % causes)

# PyTorch tensors straight from a training step, when Debian's python3-torch is installed.
if importlib.util.find_spec("torch"):
    import torch

    torch.manual_seed(0)
    x = torch.randint(0, 256, (4, 3, 16, 16), dtype=torch.uint8)
    y = torch.tensor([0, 1, 2, 3])
    lam = 0.5
    mixed = x.clone()
    mixed[:, :, 4:12, 4:12] = x.flip(0)[:, :, 4:12, 4:12]
    lam = 1 - 64 / 256
    t = torch.nn.functional.one_hot(y, 4).float()
    targets = t * lam + t.flip(0) * (1 - lam)
    with tempfile.TemporaryDirectory() as d:
        dump_batch(d, x, mixed, y, targets)
        code, out, _ = audit(d)
        check(code == 0, "uint8 torch tensors should audit clean:\n" + out)
else:
    print("python3-torch not installed: the tensor case is skipped")

# Misuse is refused with a reason.
for bad_call, says in [
    (lambda d: dump_batch(d, np.zeros((2, 3, 4, 4)), np.zeros((2, 3, 4, 5)), [0, 1], np.eye(2)), "shape"),
    (lambda d: dump_batch(d, np.full((2, 3, 4, 4), np.nan), np.zeros((2, 3, 4, 4)), [0, 1], np.eye(2)), "element 0"),
    (lambda d: dump_batch(d, np.zeros((2, 3, 4, 4), np.float32), np.zeros((2, 3, 4, 4)), [0, 1], np.eye(2)), "type"),
    (lambda d: dump_batch(d, np.zeros((2, 3, 4, 4)), np.zeros((2, 3, 4, 4)), [0, 5], np.eye(2)), "class indices"),
]:
    with tempfile.TemporaryDirectory() as d:
        try:
            bad_call(d)
            check(False, "accepted: " + says)
        except ValueError as e:
            check(says in str(e), "the message names the problem: %s (%s)" % (says, e))

print("writers tested:", ", ".join(writers()))
if failures:
    sys.exit(1)
print("ok")
