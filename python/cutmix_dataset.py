"""Load a `cutmix export` in PyTorch: images with their soft labels.

    from cutmix_dataset import CutMixFolder, CutMixShards
    from torch.utils.data import DataLoader

    train = CutMixFolder("out/")             # --layout files (map-style)
    train = CutMixShards("out/")             # --layout webdataset (iterable)
    loader = DataLoader(train, batch_size=64, num_workers=8)
    for images, targets in loader:           # uint8 N x C x H x W, float32 N x K
        loss = torch.sum(-targets * torch.log_softmax(model(images.float() / 255), 1), 1).mean()

Both return (image, label): the image as a uint8 tensor C x H x W in RGB
order (C = 1 for gray; 16-bit PNGs give int32, as torchvision.io does), the
label as a tensor of K floats (the soft label of the manifest, which sums to
1). `transform` is applied to the image, `with_record=True` adds the sample's
draw record (a dict, the manifest line) as a third item.

CutMixShards reads the tar shards with the standard library's tarfile,
splitting them across DataLoader workers (and, with rank/world_size, across
processes of a distributed job): each shard is read by exactly one worker.
Images are decoded with OpenCV's Python binding when it is installed,
otherwise with Pillow.
"""
import json
import os
import tarfile

import numpy as np
import torch
from torch.utils.data import Dataset, IterableDataset, get_worker_info

IMAGE_EXTENSIONS = (".jpg", ".png", ".webp")

__all__ = ["CutMixFolder", "CutMixShards", "decode_image", "read_manifest"]


def _decoder():
    try:
        import cv2

        def decode(data):
            image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
            if image is None:
                raise ValueError("not a readable image")
            if image.ndim == 3:
                image = cv2.cvtColor(image, cv2.COLOR_BGRA2RGBA if image.shape[2] == 4 else cv2.COLOR_BGR2RGB)
            return image

        return decode
    except ImportError:
        pass
    try:
        import io

        from PIL import Image

        def decode(data):
            with Image.open(io.BytesIO(data)) as image:
                return np.asarray(image)

        return decode
    except ImportError:
        raise ImportError("cutmix_dataset needs OpenCV (python3-opencv) or Pillow (python3-pil) to decode images")


_decode = None


def decode_image(data, name="image"):
    """The bytes of a JPEG, PNG or WebP file as a C x H x W tensor."""
    global _decode
    if _decode is None:
        _decode = _decoder()
    try:
        array = _decode(data)
    except Exception as e:
        raise ValueError("%s: cannot be decoded (%s)" % (name, e)) from None
    if array.ndim == 2:
        array = array[:, :, None]
    if array.dtype == np.uint16:
        array = array.astype(np.int32)
    return torch.from_numpy(np.ascontiguousarray(array.transpose(2, 0, 1)))


def read_manifest(root):
    """The draw records of an export, one dict per sample, in index order."""
    with open(os.path.join(root, "manifest.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _read_classes(root):
    with open(os.path.join(root, "classes.txt"), encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


def _finished(root):
    if not os.path.exists(os.path.join(root, "manifest.jsonl")):
        raise FileNotFoundError(
            "%s: no manifest.jsonl; the export is not finished (run the same cutmix export command again, "
            "or cutmix merge for a run in parts)" % root)


class CutMixFolder(Dataset):
    """Map-style dataset over an export with the files layout (images/)."""

    def __init__(self, root, transform=None, with_record=False, label_dtype=torch.float32):
        _finished(root)
        self.root = root
        self.records = read_manifest(root)
        self.classes = _read_classes(root)
        if self.records and "shard" in self.records[0]:
            raise ValueError("%s: is a webdataset export; use CutMixShards" % root)
        self.transform = transform
        self.with_record = with_record
        self.label_dtype = label_dtype

    def __len__(self):
        return len(self.records)

    def __getitem__(self, i):
        record = self.records[i]
        path = os.path.join(self.root, "images", record["file"])
        with open(path, "rb") as f:
            image = decode_image(f.read(), path)
        if self.transform is not None:
            image = self.transform(image)
        label = torch.tensor(record["label"], dtype=self.label_dtype)
        return (image, label, record) if self.with_record else (image, label)


class CutMixShards(IterableDataset):
    """Iterable dataset over an export with the webdataset layout (shards/).

    `root` is the export folder, or a list of shard paths. Samples come in
    shard order within each worker; `shuffle_shards=True` with a `seed`
    shuffles the shard order per epoch (call set_epoch)."""

    def __init__(self, root, transform=None, with_record=False, label_dtype=torch.float32, rank=0, world_size=1,
                 shuffle_shards=False, seed=0):
        if isinstance(root, (list, tuple)):
            self.shards = list(root)
            self.length = None
        else:
            _finished(root)
            folder = os.path.join(root, "shards")
            self.shards = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".tar"))
            with open(os.path.join(root, "manifest.jsonl"), encoding="utf-8") as f:
                self.length = sum(1 for line in f if line.strip())
        if not self.shards:
            raise FileNotFoundError("%s: no tar shards" % root)
        self.transform = transform
        self.with_record = with_record
        self.label_dtype = label_dtype
        self.rank, self.world_size = rank, world_size
        self.shuffle_shards, self.seed, self.epoch = shuffle_shards, seed, 0

    def set_epoch(self, epoch):
        self.epoch = epoch

    def __len__(self):
        if self.length is None:
            raise TypeError("the length is known only for an export folder")
        return self.length

    def _my_shards(self):
        shards = list(self.shards)
        if self.shuffle_shards:
            order = np.random.default_rng([self.seed, self.epoch]).permutation(len(shards))
            shards = [shards[k] for k in order]
        info = get_worker_info()
        workers, worker = (info.num_workers, info.id) if info is not None else (1, 0)
        return shards[self.rank * workers + worker::self.world_size * workers]

    def __iter__(self):
        for shard in self._my_shards():
            yield from self._samples(shard)

    def _samples(self, shard):
        # Members come as <key>.<image>, <key>.json, <key>.cls; a sample is
        # complete when all three of its key are read.
        pending = {}
        with tarfile.open(shard, "r") as tar:
            for member in tar:
                if not member.isfile():
                    continue
                key, _, ext = member.name.rpartition("/")[2].partition(".")
                data = tar.extractfile(member).read()
                entry = pending.setdefault(key, {})
                entry["image" if "." + ext in IMAGE_EXTENSIONS else ext] = (member.name, data)
                if len(entry) == 3:
                    del pending[key]
                    yield self._sample(shard, entry)
        if pending:
            raise ValueError("%s: incomplete samples %s" % (shard, sorted(pending)[:5]))

    def _sample(self, shard, entry):
        name, data = entry["image"]
        image = decode_image(data, shard + "/" + name)
        record = json.loads(entry["json"][1])
        if self.transform is not None:
            image = self.transform(image)
        label = torch.tensor(record["label"], dtype=self.label_dtype)
        return (image, label, record) if self.with_record else (image, label)
