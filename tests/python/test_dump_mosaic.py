"""dump_mosaic (python/cutmix_dump.py) and `cutmix audit` on Mosaic samples
made by a NumPy Mosaic written here from Ultralytics' _mosaic4 (placement
around a centre on a 2s x 2s canvas of 114, boxes shifted by (padw, padh),
clipped to the canvas, zero-area boxes removed): honest samples agree, a
pipeline that forgets one tile's shift is flagged, BGR images round-trip,
bad input is refused. Seeds are fixed.
"""
import json
import os
import random
import subprocess

import numpy as np
import pytest

from cutmix_dump import dump_mosaic


def mosaic4(tiles, boxes, s, xc, yc, forget_shift=None):
    """tiles: four H x W x 3 uint8 arrays of long side s; boxes: per tile
    rows [class, x1, y1, x2, y2] in its pixels. Returns the canvas and its
    rows [class, x1, y1, x2, y2]."""
    canvas = np.full((2 * s, 2 * s, 3), 114, np.uint8)
    out = []
    for i, t in enumerate(tiles):
        h, w = t.shape[:2]
        if i == 0:
            a = (max(xc - w, 0), max(yc - h, 0), xc, yc)
            b = (w - (a[2] - a[0]), h - (a[3] - a[1]))
        elif i == 1:
            a = (xc, max(yc - h, 0), min(xc + w, 2 * s), yc)
            b = (0, h - (a[3] - a[1]))
        elif i == 2:
            a = (max(xc - w, 0), yc, xc, min(2 * s, yc + h))
            b = (w - (a[2] - a[0]), 0)
        else:
            a = (xc, yc, min(xc + w, 2 * s), min(2 * s, yc + h))
            b = (0, 0)
        canvas[a[1]:a[3], a[0]:a[2]] = t[b[1]:b[1] + a[3] - a[1], b[0]:b[0] + a[2] - a[0]]
        padw, padh = (0, 0) if forget_shift == i else (a[0] - b[0], a[1] - b[1])
        for c, x1, y1, x2, y2 in boxes[i]:
            x1, x2 = np.clip([x1 + padw, x2 + padw], 0, 2 * s)
            y1, y2 = np.clip([y1 + padh, y2 + padh], 0, 2 * s)
            if x2 > x1 and y2 > y1:
                out.append([c, x1, y1, x2, y2])
    return canvas, out


def yolo(rows, w, h):
    return [[c, (x1 + x2) / 2 / w, (y1 + y2) / 2 / h, (x2 - x1) / w, (y2 - y1) / h] for c, x1, y1, x2, y2 in rows]


def sample(rng, s):
    """Four noise tiles of long side s with 3 boxes each, and a centre drawn
    as Ultralytics draws it: int(uniform(s / 2, 3 s / 2))."""
    tiles, boxes = [], []
    for i in range(4):
        short = rng.randrange(s // 2, s + 1)
        w, h = (s, short) if i % 2 == 0 else (short, s)
        tiles.append(np.random.default_rng(rng.randrange(1 << 30)).integers(0, 256, (h, w, 3), dtype=np.uint8))
        rows = []
        for _ in range(3):
            bw, bh = rng.uniform(2, w / 2), rng.uniform(2, h / 2)
            x, y = rng.uniform(0, w - bw), rng.uniform(0, h - bh)
            rows.append([i, x, y, x + bw, y + bh])
        boxes.append(rows)
    xc, yc = int(rng.uniform(s / 2, 1.5 * s)), int(rng.uniform(s / 2, 1.5 * s))
    return tiles, boxes, xc, yc


def write(folder, tiles, boxes, canvas, rows, **kw):
    tile_boxes = [yolo(b, t.shape[1], t.shape[0]) for t, b in zip(tiles, boxes)]
    return dump_mosaic(folder, tiles, tile_boxes, canvas, yolo(rows, canvas.shape[1], canvas.shape[0]), **kw)


def audit(cli, folder, *args):
    report = os.path.join(str(folder), "..", os.path.basename(str(folder)) + ".json")
    run = subprocess.run([cli, "audit", str(folder), "--json", report, *args], capture_output=True, text=True)
    with open(report) as f:
        return run, json.load(f)


def test_honest_mosaics_agree(tmp_path, cutmix_cli):
    rng = random.Random(5)
    names = []
    for _ in range(3):
        tiles, boxes, xc, yc = sample(rng, 48)
        canvas, rows = mosaic4(tiles, boxes, 48, xc, yc)
        names.append(write(tmp_path / "d", tiles, boxes, canvas, rows, classes=["a", "b", "c", "d"]))
    assert names == ["000000", "000001", "000002"]
    # Ultralytics keeps every box with some area left: audited at 0, none is too small.
    run, report = audit(cutmix_cli, tmp_path / "d", "--min-visibility", "0")
    assert run.returncode == 0, run.stdout + run.stderr
    assert [s["verdict"] for s in report["samples"]] == ["agree"] * 3
    assert "Mosaic samples: 3; 3 agree" in run.stdout


def test_a_tile_not_shifted_is_flagged(tmp_path, cutmix_cli):
    rng = random.Random(11)
    tiles, boxes, xc, yc = sample(rng, 48)
    canvas, rows = mosaic4(tiles, boxes, 48, xc, yc, forget_shift=3)
    write(tmp_path / "d", tiles, boxes, canvas, rows)
    run, report = audit(cutmix_cli, tmp_path / "d", "--min-visibility", "0")
    assert run.returncode == 1, run.stdout + run.stderr
    s = report["samples"][0]
    assert s["cause"] == "tile-box-not-moved"
    assert s["centres"] == [[xc, yc]]
    unmoved = [o for o in s["objects"] if o["cause"] == "tile-box-not-moved"]
    assert unmoved and all(o["unmoved_from"]["element"] == 3 for o in unmoved)


def test_bgr_images_round_trip(tmp_path, cutmix_cli):
    rng = random.Random(2)
    tiles, boxes, xc, yc = sample(rng, 32)
    canvas, rows = mosaic4(tiles, boxes, 32, xc, yc)
    write(tmp_path / "d", tiles, boxes, canvas, rows, bgr=True)
    run, report = audit(cutmix_cli, tmp_path / "d", "--min-visibility", "0")
    assert run.returncode == 0, run.stdout + run.stderr
    cv2 = pytest.importorskip("cv2")
    stored = cv2.imread(str(tmp_path / "d" / "after" / "000000.png"))  # BGR, as given
    assert np.array_equal(stored, canvas)


def test_bad_input_is_refused(tmp_path):
    rng = random.Random(3)
    tiles, boxes, xc, yc = sample(rng, 32)
    canvas, rows = mosaic4(tiles, boxes, 32, xc, yc)
    bad = [yolo(b, t.shape[1], t.shape[0]) for t, b in zip(tiles, boxes)]
    bad[2][1][1] = float("nan")
    with pytest.raises(ValueError, match=r"element 2, row 1: .* is not finite"):
        dump_mosaic(tmp_path / "d", tiles, bad, canvas, [])
    with pytest.raises(ValueError, match="a square of side 2s"):
        dump_mosaic(tmp_path / "d", tiles, [[]] * 4, canvas[:-2], [])
    with pytest.raises(ValueError, match="four tiles"):
        dump_mosaic(tmp_path / "d", tiles[:3], [[]] * 3, canvas, [])
    assert not os.path.exists(tmp_path / "d" / "after") or not os.listdir(tmp_path / "d" / "after")
