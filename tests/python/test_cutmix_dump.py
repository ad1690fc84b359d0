"""python/cutmix_dump.py: dump format 2 (floats bit for bit), Recorder through
a real DataLoader, CollateRecorder around a mixing collate, check_batch
against `cutmix audit`. Run by Debian's /usr/bin/python3 -m pytest (CTest
sets CUTMIX_CLI to the built cutmix). No test waits on the clock: the
background writer is awaited with flush(), a failure is injected through a
monkeypatched write hook, and every random draw has a fixed seed.
"""
import concurrent.futures
import json
import os
import subprocess

import numpy as np
import pytest

import cutmix_dump
from cutmix_dump import AuditError, CollateRecorder, Recorder, check_batch, dump_batch

torch = pytest.importorskip("torch")
from torch.utils.data import DataLoader, Dataset  # noqa: E402


def nhwc(x):
    return np.ascontiguousarray(x.transpose(0, 2, 3, 1))


def read_dump(folder, sub):
    names = sorted(n for n in os.listdir(os.path.join(folder, sub)) if not n.startswith("."))
    return names, [np.load(os.path.join(folder, sub, n)) for n in names]


def npy_header(path):
    with open(path, "rb") as f:
        major, minor = np.lib.format.read_magic(f)
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
    return (major, minor), shape, fortran, dtype.str


def awkward_floats(rng, shape):
    """Normalised values with the awkward ones a batch can hold: negatives,
    -0.0, subnormals, the largest and smallest finite values of float16."""
    x = rng.standard_normal(shape) * 2.2
    flat = x.reshape(-1)
    flat[:6] = [-0.0, 0.0, 6.0e-8, -6.1e-5, 65504.0, -65504.0]
    return x


# ---- dump format 2


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
@pytest.mark.parametrize("as_tensor", [False, True])
def test_float_dump_is_bit_exact(tmp_path, dtype, as_tensor):
    rng = np.random.default_rng(1)
    before = awkward_floats(rng, (5, 3, 7, 9)).astype(dtype)
    after = before[::-1].copy()
    b, a = (torch.from_numpy(before), torch.from_numpy(after)) if as_tensor else (before, after)
    dump_batch(tmp_path / "d", b, a, [0, 1, 2, 3, 4], np.eye(5))
    for sub, batch in (("before", before), ("after", after)):
        names, arrays = read_dump(tmp_path / "d", sub)
        assert names == ["000.npy", "001.npy", "002.npy", "003.npy", "004.npy"]
        for i, arr in enumerate(arrays):
            assert arr.dtype.str == np.dtype(dtype).newbyteorder("<").str
            assert arr.tobytes() == nhwc(batch)[i].tobytes()
            version, shape, fortran, descr = npy_header(tmp_path / "d" / sub / names[i])
            assert version == (1, 0) and shape == (7, 9, 3) and not fortran
    info = json.loads((tmp_path / "d" / "dump.json").read_text())
    assert info["cutmix_dump"] == 2 and info["dtype"] == dtype and info["layout"] == "NCHW"


def test_bfloat16_stored_as_its_raw_bits(tmp_path):
    rng = np.random.default_rng(2)
    x = torch.from_numpy(awkward_floats(rng, (4, 3, 6, 5)).astype(np.float32)).to(torch.bfloat16)
    mixed = x.flip(0).mul_(0.3).add_(x.mul(0.7))  # bfloat16 arithmetic, as a training step does it
    dump_batch(tmp_path / "d", x, mixed, [0, 1, 2, 3], torch.eye(4))
    for sub, batch in (("before", x), ("after", mixed)):
        names, arrays = read_dump(tmp_path / "d", sub)
        for i, arr in enumerate(arrays):
            assert arr.dtype.str == "<u2" and arr.shape == (6, 5, 3)
            bits = batch[i].permute(1, 2, 0).contiguous().view(torch.int16).numpy().view(np.uint16)
            assert arr.tobytes() == bits.tobytes()
            # and the bits read back as the same bfloat16 values
            back = torch.from_numpy(arr.view(np.int16).copy()).view(torch.bfloat16)
            assert torch.equal(back, batch[i].permute(1, 2, 0))
    assert json.loads((tmp_path / "d" / "dump.json").read_text())["dtype"] == "bfloat16"


def test_nhwc_and_gray_layouts(tmp_path):
    x = np.arange(2 * 4 * 5 * 2, dtype=np.float32).reshape(2, 4, 5, 2) - 20
    dump_batch(tmp_path / "a", x, x, [0, 1], np.eye(2), layout="NHWC")
    _, arrays = read_dump(tmp_path / "a", "before")
    assert arrays[1].shape == (4, 5, 2) and arrays[1].tobytes() == x[1].tobytes()
    assert json.loads((tmp_path / "a" / "dump.json").read_text())["layout"] == "NHWC"
    g = np.linspace(-3, 3, 2 * 4 * 5).reshape(2, 4, 5)
    dump_batch(tmp_path / "b", g, g, [0, 1], np.eye(2))
    _, arrays = read_dump(tmp_path / "b", "after")
    assert arrays[0].shape == (4, 5, 1) and arrays[0].dtype.str == "<f8"
    assert json.loads((tmp_path / "b" / "dump.json").read_text())["layout"] == "NHW"


@pytest.mark.parametrize("bad, where, position", [
    (float("nan"), "before", (2, 1, 3, 4)),
    (float("inf"), "after", (0, 2, 5, 0)),
    (float("-inf"), "before", (1, 0, 0, 6)),
])
def test_non_finite_refused_with_element_and_position(tmp_path, bad, where, position):
    before = np.zeros((3, 3, 6, 7), np.float32)
    after = before.copy()
    (before if where == "before" else after)[position] = bad
    n, c, r, col = position
    with pytest.raises(ValueError) as e:
        dump_batch(tmp_path / "d", before, after, [0, 1, 2], np.eye(3))
    said = str(e.value)
    assert "%s: element %d" % (where, n) in said
    assert "row %d, column %d, channel %d" % (r, col, c) in said
    assert not os.path.exists(tmp_path / "d") and os.listdir(tmp_path) == []  # nothing half-written


def test_bfloat16_nan_refused(tmp_path):
    x = torch.zeros(2, 1, 3, 3, dtype=torch.bfloat16)
    x[1, 0, 2, 1] = float("nan")
    with pytest.raises(ValueError, match="element 1 holds nan at row 2, column 1, channel 0"):
        dump_batch(tmp_path / "d", x, x, [0, 1], np.eye(2))


def test_type_and_shape_must_match(tmp_path):
    x = np.zeros((2, 3, 4, 4), np.float32)
    with pytest.raises(ValueError, match="type"):
        dump_batch(tmp_path / "a", x, x.astype(np.float16), [0, 1], np.eye(2))
    with pytest.raises(ValueError, match="shape"):
        dump_batch(tmp_path / "b", x, np.zeros((2, 3, 4, 5), np.float32), [0, 1], np.eye(2))
    with pytest.raises(ValueError, match="int32"):
        dump_batch(tmp_path / "c", x.astype(np.int32), x.astype(np.int32), [0, 1], np.eye(2))


def test_mean_std_and_torch_version_stored(tmp_path):
    x = np.zeros((2, 3, 4, 4), np.float32)
    mean, std = (0.485, 0.456, 0.406), torch.tensor([0.229, 0.224, 0.225])
    dump_batch(tmp_path / "a", x, x, [0, 1], np.eye(2), mean=mean, std=std, torch_version="1.13.1")
    info = json.loads((tmp_path / "a" / "dump.json").read_text())
    assert info == {"cutmix_dump": 2, "dtype": "float32", "mean": [0.485, 0.456, 0.406],
                    "std": [float(np.float32(v)) for v in (0.229, 0.224, 0.225)], "torch_version": "1.13.1",
                    "layout": "NCHW"}
    dump_batch(tmp_path / "b", x, x, [0, 1], np.eye(2))
    info = json.loads((tmp_path / "b" / "dump.json").read_text())
    assert info["mean"] is None and info["std"] is None and info["torch_version"] == torch.__version__
    with pytest.raises(ValueError, match="mean has 2 values for 3 channels"):
        dump_batch(tmp_path / "c", x, x, [0, 1], np.eye(2), mean=[0.5, 0.5])


def test_png_dumps_as_before_with_dump_json(tmp_path):
    x = np.random.default_rng(3).integers(0, 256, (12, 5, 6, 3), dtype=np.uint8)
    dump_batch(tmp_path / "d", x, x, np.arange(12) % 4, np.eye(4)[np.arange(12) % 4], classes="abcd", layout="NHWC")
    names = sorted(os.listdir(tmp_path / "d" / "before"))
    assert names == ["%03d.png" % i for i in range(12)]
    assert sorted(os.listdir(tmp_path / "d")) == ["after", "before", "classes.txt", "dump.json", "labels.csv",
                                                  "targets.csv"]
    assert json.loads((tmp_path / "d" / "dump.json").read_text())["dtype"] == "uint8"
    assert (tmp_path / "d" / "targets.csv").read_text().splitlines()[1] == "0,1.0,0.0,0.0,0.0"
    assert cutmix_dump._element_name(7, 1000, ".npy") == "007.npy"
    assert cutmix_dump._element_name(7, 1001, ".npy") == "0007.npy"


def test_targets_exact_for_float32(tmp_path):
    t = torch.tensor([[0.7123456789, 0.2876543211], [1 / 3, 2 / 3]], dtype=torch.float32)
    x = np.zeros((2, 1, 2, 2), np.uint8)
    dump_batch(tmp_path / "d", x, x, [0, 1], t)
    rows = [line.split(",")[1:] for line in (tmp_path / "d" / "targets.csv").read_text().splitlines()[1:]]
    assert np.array_equal(np.array(rows, dtype=np.float64).astype(np.float32), t.numpy())


def test_dump_appears_whole_in_an_empty_folder(tmp_path, monkeypatch):
    """While the files are written, the folder the caller named stays empty."""
    (tmp_path / "d").mkdir()
    seen = []
    real = cutmix_dump._write_npy

    def spy(path, img, storage):
        seen.append(sorted(os.listdir(tmp_path / "d")))
        real(path, img, storage)

    monkeypatch.setattr(cutmix_dump, "_write_npy", spy)
    x = np.ones((3, 1, 2, 2), np.float32)
    dump_batch(tmp_path / "d", x, x, [0, 1, 2], np.eye(3))
    assert len(seen) == 6 and all(s == [] for s in seen)
    assert sorted(os.listdir(tmp_path / "d" / "after")) == ["000.npy", "001.npy", "002.npy"]
    assert [n for n in os.listdir(tmp_path) if n.startswith(".")] == []


# ---- Recorder through a DataLoader


class Pictures(Dataset):
    """Float images, normalised as a training set's are, and their classes."""

    def __init__(self, n=40, k=5):
        rng = np.random.default_rng(4)
        self.x = (rng.standard_normal((n, 3, 8, 10)) * 1.3 - 0.2).astype(np.float32)
        self.y = rng.integers(0, k, n)

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return torch.from_numpy(self.x[i]), int(self.y[i])


class InPlaceMixup:
    """timm Mixup's batch-mode blend: the batch is changed in place
    (`x.mul_(lam).add_(x.flip(0).mul_(1 - lam))`), targets one-hot mixed with
    the flip. Remembers each result it returned."""

    def __init__(self, k):
        self.k, self.returned, self.rng = k, [], np.random.default_rng(5)

    def __call__(self, x, y):
        lam = float(self.rng.beta(0.8, 0.8))
        x.mul_(lam).add_(x.flip(0).mul_(1.0 - lam))
        onehot = torch.nn.functional.one_hot(y, self.k).float()
        result = (x, onehot * lam + onehot.flip(0) * (1.0 - lam))
        self.returned.append((result, x.clone(), result[1].clone()))
        return result


def test_recorder_through_a_dataloader(tmp_path):
    data = Pictures()
    loader = DataLoader(data, batch_size=4, shuffle=False, num_workers=2)
    mix = InPlaceMixup(5)
    out = tmp_path / "runs" / "dumps"  # created by the Recorder
    rec = Recorder(mix, out, every=3, keep=2)
    assert out.is_dir()
    batches = []
    for step, (x, y) in enumerate(loader):
        unmixed = x.clone()
        result = rec(x, y)
        assert result is mix.returned[step][0]  # the very object the function returned
        batches.append((unmixed, y.clone()))
    rec.flush()
    assert rec.calls == 10
    # calls 0, 3, 6, 9 were dumped; the newest 2 are kept
    assert sorted(os.listdir(out)) == ["000006", "000009"]
    for number in (6, 9):
        folder = out / ("%06d" % number)
        unmixed, labels = batches[number]
        _, before = read_dump(folder, "before")
        _, after = read_dump(folder, "after")
        mixed, targets = mix.returned[number][1], mix.returned[number][2]
        assert np.stack(before).tobytes() == nhwc(unmixed.numpy()).tobytes()
        assert np.stack(after).tobytes() == nhwc(mixed.numpy()).tobytes()
        assert not torch.equal(unmixed, mixed)  # the function really mixed in place
        rows = (folder / "labels.csv").read_text().splitlines()[1:]
        assert [int(r.split(",")[1]) for r in rows] == labels.tolist()
        t = np.loadtxt(folder / "targets.csv", delimiter=",", skiprows=1)[:, 1:]
        assert np.array_equal(t.astype(np.float32), targets.numpy())


def test_recorder_numbering_and_keep(tmp_path):
    calls = []

    def mix(x, y):
        calls.append(1)
        return x * 0.5, np.eye(3)[y]

    rec = Recorder(mix, tmp_path, every=2, keep=3)
    x = np.ones((3, 1, 2, 2), np.float32)
    for _ in range(9):
        rec(x, np.array([0, 1, 2]))
    rec.flush()
    assert len(calls) == 9
    assert sorted(os.listdir(tmp_path)) == ["000004", "000006", "000008"]
    rec_all = Recorder(mix, tmp_path / "all", every=4, keep=None)
    for _ in range(9):
        rec_all(x, np.array([0, 1, 2]))
    rec_all.flush()
    assert sorted(os.listdir(tmp_path / "all")) == ["000000", "000004", "000008"]


def test_recorder_step_folder_appears_whole(tmp_path, monkeypatch):
    """Midway through writing a step folder its final name does not exist;
    a writer that fails midway leaves no folder under a final name, and the
    failure is raised by flush()."""
    x = np.ones((4, 3, 2, 2), np.float32)
    y = np.array([0, 1, 2, 3])
    mix = lambda a, b: (a * 0.25, np.eye(4)[b])  # noqa: E731
    real = cutmix_dump._write_npy
    seen = []

    def spy(path, img, storage):
        seen.append(sorted(n for n in os.listdir(tmp_path) if not n.startswith(".")))
        real(path, img, storage)

    monkeypatch.setattr(cutmix_dump, "_write_npy", spy)
    rec = Recorder(mix, tmp_path, every=1, keep=None)
    rec(x, y)
    rec.flush()
    assert seen == [[]] * 8 and sorted(os.listdir(tmp_path)) == ["000000"]

    written = []

    def fail_midway(path, img, storage):
        if len(written) == 3:
            raise OSError("disk full (injected)")
        written.append(path)
        real(path, img, storage)

    monkeypatch.setattr(cutmix_dump, "_write_npy", fail_midway)
    rec(x, y)
    with pytest.raises(RuntimeError, match="disk full"):
        rec.flush()
    assert sorted(os.listdir(tmp_path)) == ["000000"]  # no 000001, no temporary left
    monkeypatch.setattr(cutmix_dump, "_write_npy", real)
    rec(x, y)
    rec.flush()
    assert sorted(os.listdir(tmp_path)) == ["000000", "000002"]


def test_recorder_raises_a_failed_write(tmp_path):
    """By flush(), and by the next call once the write has failed."""
    rec = Recorder(lambda a, b: (a, b), tmp_path, every=1)
    x = np.zeros((2, 1, 2, 2), np.float32)
    x[1, 0, 1, 1] = np.nan
    rec(x, np.eye(2))
    with pytest.raises(RuntimeError, match="element 1 holds nan"):
        rec.flush()
    rec(x, np.eye(2))
    concurrent.futures.wait(rec._background._pending)  # the write has finished (failed): no clock involved
    with pytest.raises(RuntimeError, match="element 1 holds nan"):
        rec(np.zeros_like(x), np.eye(2))  # raised before the call: not counted
    rec(np.zeros_like(x), np.eye(2))
    rec.flush()
    assert rec.calls == 3 and sorted(os.listdir(tmp_path)) == ["000002"]


# ---- CollateRecorder around a FastCollateMixup-like collate


class FastCollateMixupLike:
    """The collate arithmetic of timm's FastCollateMixup, batch and pair modes
    on uint8 NumPy samples, re-written for this test from
    huggingface/pytorch-image-models timm/data/mixup.py at commit
    066e490605ba1d3666861096163246c885603469 (FastCollateMixup.__call__,
    _mix_batch_collate, _mix_pair_collate, Mixup._params_per_batch,
    _params_per_elem, rand_bbox, cutmix_bbox_and_lam, mixup_target), with
    NumPy's global generator as timm draws from it. Pair mode pastes into the
    samples' own arrays, as timm does."""

    def __init__(self, num_classes, mode="batch", mixup_alpha=0.8, cutmix_alpha=1.0, switch_prob=0.5,
                 label_smoothing=0.1):
        self.k, self.mode, self.smoothing = num_classes, mode, label_smoothing
        self.mixup_alpha, self.cutmix_alpha, self.switch_prob = mixup_alpha, cutmix_alpha, switch_prob

    def _params_per_batch(self):
        lam, use_cutmix = 1.0, False
        if np.random.rand() < 1.0:  # prob = 1
            use_cutmix = np.random.rand() < self.switch_prob
            alpha = self.cutmix_alpha if use_cutmix else self.mixup_alpha
            lam = float(np.random.beta(alpha, alpha))
        return lam, use_cutmix

    def _params_per_elem(self, n):
        use_cutmix = np.random.rand(n) < self.switch_prob
        lam_mix = np.where(use_cutmix, np.random.beta(self.cutmix_alpha, self.cutmix_alpha, size=n),
                           np.random.beta(self.mixup_alpha, self.mixup_alpha, size=n))
        lam = np.where(np.random.rand(n) < 1.0, lam_mix.astype(np.float32), np.ones(n, dtype=np.float32))
        return lam, use_cutmix

    @staticmethod
    def _box(shape, lam):
        h, w = shape[-2:]
        ratio = np.sqrt(1 - lam)
        cut_h, cut_w = int(h * ratio), int(w * ratio)
        cy, cx = np.random.randint(0, h), np.random.randint(0, w)
        y1, y2 = np.clip(cy - cut_h // 2, 0, h), np.clip(cy + cut_h // 2, 0, h)
        x1, x2 = np.clip(cx - cut_w // 2, 0, w), np.clip(cx + cut_w // 2, 0, w)
        return (y1, y2, x1, x2), 1.0 - (y2 - y1) * (x2 - x1) / float(h * w)

    @staticmethod
    def _blend(a, b, lam):
        mixed = a.astype(np.float32) * lam + b.astype(np.float32) * (1 - lam)
        np.rint(mixed, out=mixed)
        return mixed

    def __call__(self, batch, _=None):
        n = len(batch)
        output = torch.zeros((n, *batch[0][0].shape), dtype=torch.uint8)
        if self.mode == "pair":
            lams, use_cutmix = self._params_per_elem(n // 2)
            for i in range(n // 2):
                j = n - i - 1
                a, b = batch[i][0], batch[j][0]
                if use_cutmix[i]:
                    (y1, y2, x1, x2), lams[i] = self._box(output.shape, lams[i])
                    patch = a[:, y1:y2, x1:x2].copy()
                    a[:, y1:y2, x1:x2] = b[:, y1:y2, x1:x2]
                    b[:, y1:y2, x1:x2] = patch
                else:
                    a, b = self._blend(a, b, lams[i]), self._blend(b, a, lams[i])
                output[i].copy_(torch.from_numpy(a.astype(np.uint8)))
                output[j].copy_(torch.from_numpy(b.astype(np.uint8)))
            lam = torch.tensor(np.concatenate((lams, lams[::-1]))).unsqueeze(1)
        else:
            lam, use_cutmix = self._params_per_batch()
            if use_cutmix:
                (y1, y2, x1, x2), lam = self._box(output.shape, lam)
            for i in range(n):
                j = n - i - 1
                mixed = batch[i][0]
                if use_cutmix:
                    mixed = mixed.copy()
                    mixed[:, y1:y2, x1:x2] = batch[j][0][:, y1:y2, x1:x2]
                else:
                    mixed = self._blend(mixed, batch[j][0], lam)
                output[i].copy_(torch.from_numpy(mixed.astype(np.uint8)))
        target = torch.tensor([b[1] for b in batch], dtype=torch.int64).view(-1, 1)
        off = self.smoothing / self.k
        on = 1.0 - self.smoothing + off
        y1 = torch.full((n, self.k), off).scatter_(1, target, on)
        y2 = torch.full((n, self.k), off).scatter_(1, target.flip(0), on)
        return output, y1 * lam + y2 * (1.0 - lam)


class Samples(Dataset):
    """uint8 CHW samples as timm's ToNumpy gives them, with their class."""

    def __init__(self, n=24, k=6):
        rng = np.random.default_rng(6)
        self.x = rng.integers(0, 256, (n, 3, 12, 14), dtype=np.uint8)
        self.y = [int(v) for v in rng.permutation(np.arange(n) % k)]

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return self.x[i].copy(), self.y[i]


def seed_worker(worker_id):
    np.random.seed(100 + worker_id)


def step_folders(folder):
    return sorted(n for n in os.listdir(folder) if not n.startswith("."))


@pytest.mark.parametrize("mode, context, epochs", [("batch", "fork", 1), ("pair", "fork", 1), ("batch", "spawn", 2)])
def test_collate_recorder_through_a_dataloader(tmp_path, mode, context, epochs, cutmix_cli):
    data = Samples()
    collate = CollateRecorder(FastCollateMixupLike(6, mode=mode), tmp_path, every=2, keep=None)
    loader = DataLoader(data, batch_size=4, shuffle=False, num_workers=2, collate_fn=collate,
                        worker_init_fn=seed_worker, multiprocessing_context=context,
                        persistent_workers=context == "spawn")  # spawning costs seconds: once
    yielded = [(k, x.clone(), t.clone()) for _ in range(epochs) for k, (x, t) in enumerate(loader)]
    collate.flush()
    # 6 collate calls per epoch over two workers, numbered in the order they started: 0, 2, 4, ...
    assert step_folders(tmp_path) == ["%06d" % n for n in range(0, 6 * epochs, 2)]
    unmixed = [nhwc(data.x[b * 4:(b + 1) * 4]) for b in range(6)]
    matched = set()
    for folder in step_folders(tmp_path):
        d = tmp_path / folder
        before = np.stack([cv2_read(d / "before" / n) for n in sorted(os.listdir(d / "before"))])
        after = np.stack([cv2_read(d / "after" / n) for n in sorted(os.listdir(d / "after"))])
        t = np.loadtxt(d / "targets.csv", delimiter=",", skiprows=1)[:, 1:].astype(np.float32)
        labels = [int(r.split(",")[1]) for r in (d / "labels.csv").read_text().splitlines()[1:]]
        assert not np.array_equal(before, after)
        # the dump is one batch the loader yielded: its un-mixed samples, the mixed batch and targets
        same = [n for n, (k, x, y) in enumerate(yielded) if np.array_equal(unmixed[k], before)
                and np.array_equal(nhwc(x.numpy()), after) and np.array_equal(y.numpy(), t)
                and labels == data.y[k * 4:(k + 1) * 4]]
        assert same, "%s is not a batch the loader yielded" % folder
        matched.add(yielded[same[0]][0])
        audit = subprocess.run([cutmix_cli, "audit", str(d)], capture_output=True, text=True)
        assert audit.returncode == 0, "timm's own arithmetic audits clean:\n" + audit.stdout + audit.stderr
    if epochs == 1:
        assert len(matched) == 3  # three different batches of the epoch


def cv2_read(path):
    """A PNG back as an H x W x C RGB array, through the builtin-free path."""
    cv2 = pytest.importorskip("cv2")
    img = cv2.imread(str(path), cv2.IMREAD_UNCHANGED)
    return img[..., ::-1] if img.ndim == 3 else img[..., None]


def test_collate_recorder_refuses_half_mode(tmp_path):
    with pytest.raises(ValueError, match="half"):
        CollateRecorder(FastCollateMixupLike(6, mode="half"), tmp_path)


# ---- check_batch


def letterless_batch():
    """A uint8 CutMix batch with the flip, its right targets and its labels."""
    rng = np.random.default_rng(8)
    x = rng.integers(0, 256, (6, 20, 24, 3), dtype=np.uint8)
    mixed = x.copy()
    mixed[:, 3:13, 5:19] = x[::-1][:, 3:13, 5:19]
    lam = 1 - 10 * 14 / (20 * 24)
    labels = np.array([0, 1, 2, 3, 4, 0])
    onehot = np.eye(5)[labels]
    return x, mixed, labels, onehot, lam


def test_check_batch_returns_the_report_when_all_agree(cutmix_cli):
    x, mixed, labels, onehot, lam = letterless_batch()
    report = check_batch(x, mixed, labels, lam * onehot + (1 - lam) * onehot[::-1], cutmix=cutmix_cli,
                         layout="NHWC", tolerance=1e-3)
    assert report["summary"]["agree"] == 6 and report["summary"]["tolerance"] == 1e-3


def test_check_batch_lists_every_flagged_element(cutmix_cli):
    x, mixed, labels, onehot, lam = letterless_batch()
    swapped = (1 - lam) * onehot + lam * onehot[::-1]
    with pytest.raises(AssertionError) as e:
        check_batch(x, mixed, labels, swapped, cutmix=cutmix_cli, layout="NHWC")
    said = str(e.value)
    for i in range(1, 5):
        assert "element %d: flagged (weights-swapped)" % i in said
    # elements 0 and 5 are both class 0: swapping their weights changes nothing
    assert "4 of 6 elements" in said and "element 0" not in said and "element 5" not in said


def test_check_batch_bad_arguments_are_not_assertions(cutmix_cli, tmp_path):
    x, mixed, labels, onehot, lam = letterless_batch()
    with pytest.raises(AuditError, match="exit 2"):
        check_batch(x, mixed, labels, onehot, cutmix=cutmix_cli, layout="NHWC", tolerance=5)
    with pytest.raises(AuditError, match="PATH|cannot run"):
        check_batch(x, mixed, labels, onehot, cutmix=str(tmp_path / "no-such-cutmix"), layout="NHWC")


# ---- detection dumps (boxes_before=, boxes_after=)


def yolo_row(cls, x1, y1, x2, y2, side=64):
    return [cls, (x1 + x2) / 2 / side, (y1 + y2) / 2 / side, (x2 - x1) / side, (y2 - y1) / side]


def detection_batch():
    """Two noise images, each pasted a rectangle of the other (timm's flip),
    with the boxes Ultralytics' CutMix keeps: element 1's object whole in
    element 0's cut, element 0's object half in element 1's cut (clipped)."""
    rng = np.random.default_rng(7)
    x = rng.integers(0, 256, (2, 64, 64, 3), dtype=np.uint8)
    mixed = x.copy()
    cuts = [(28, 28, 52, 52), (0, 0, 12, 24)]  # x1, y1, x2, y2
    targets = np.zeros((2, 2))
    for i, (x1, y1, x2, y2) in enumerate(cuts):
        mixed[i, y1:y2, x1:x2] = x[1 - i, y1:y2, x1:x2]
        lam = 1 - (x2 - x1) * (y2 - y1) / 64.0 / 64.0
        targets[i, i], targets[i, 1 - i] = lam, 1 - lam
    before = [[yolo_row(0, 4, 4, 20, 20)], np.array([yolo_row(1, 30, 30, 50, 50)])]
    after = [[yolo_row(0, 4, 4, 20, 20), yolo_row(1, 30, 30, 50, 50)],
             torch.tensor([yolo_row(1, 30, 30, 50, 50), yolo_row(0, 4, 4, 12, 20)])]
    return x, mixed, [0, 1], targets, before, after


def test_detection_dump_audited(tmp_path, cutmix_cli):
    x, mixed, labels, targets, before, after = detection_batch()
    dump_batch(tmp_path / "good", x, mixed, labels, targets, layout="NHWC", boxes_before=before, boxes_after=after)
    assert sorted(os.listdir(tmp_path / "good" / "boxes_after")) == ["000.txt", "001.txt"]
    run = subprocess.run([cutmix_cli, "audit", str(tmp_path / "good")], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "objects: 2 carried (2 kept, 0 dropped), 2 boxes after, 0 flagged" in run.stdout
    # The pasted box left unclipped.
    after[1] = [yolo_row(1, 30, 30, 50, 50), yolo_row(0, 4, 4, 20, 20)]
    dump_batch(tmp_path / "bad", x, mixed, labels, targets, layout="NHWC", boxes_before=before, boxes_after=after)
    run = subprocess.run([cutmix_cli, "audit", str(tmp_path / "bad")], capture_output=True, text=True)
    assert run.returncode == 1 and "a box no object explains" in run.stdout, run.stdout
    assert "(it is box 1 of #0 before the mix, unmoved)" in run.stdout, run.stdout
    with pytest.raises(AssertionError, match="element 1: flagged"):
        check_batch(x, mixed, labels, targets, cutmix=cutmix_cli, layout="NHWC", boxes_before=before,
                    boxes_after=after)
    after[1][1] = yolo_row(0, 4, 4, 12, 20)
    report = check_batch(x, mixed, labels, targets, cutmix=cutmix_cli, layout="NHWC", boxes_before=before,
                         boxes_after=after, min_visibility=0.2)
    assert report["summary"]["min_visibility"] == 0.2 and len(report["elements"][1]["objects"]) == 2


@pytest.mark.parametrize("row, said", [
    ([0, float("nan"), 0.5, 0.1, 0.1], "element 1, row 0: .* is not finite"),
    ([0, 0.5, 0.5, 0.1], r"element 1 must be rows \[class, cx, cy, w, h\]"),
    ([2, 0.5, 0.5, 0.1, 0.1], r"element 1, row 0: class 2.0 is not a whole number in \[0, 2\)"),
    ([0, 0.5, 0.5, -0.1, 0.1], "element 1, row 0: the width and height must be > 0"),
    ([0, 0.95, 0.5, 0.2, 0.2], "element 1, row 0: the box lies outside the image"),
])
def test_detection_boxes_refused(tmp_path, row, said):
    x, mixed, labels, targets, before, after = detection_batch()
    after[1] = [row]
    with pytest.raises(ValueError, match="boxes_after: " + said):
        dump_batch(tmp_path / "d", x, mixed, labels, targets, layout="NHWC", boxes_before=before, boxes_after=after)
    assert not os.path.exists(tmp_path / "d")
    with pytest.raises(ValueError, match="both boxes_before and boxes_after"):
        dump_batch(tmp_path / "d", x, mixed, labels, targets, layout="NHWC", boxes_before=before)
    with pytest.raises(ValueError, match="one entry per element"):
        dump_batch(tmp_path / "d", x, mixed, labels, targets, layout="NHWC", boxes_before=before, boxes_after=after[:1])
