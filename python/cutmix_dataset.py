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

The shards read are the ones the run wrote: CutMixShards takes the list from
the `shard` field of manifest.jsonl (checked against run.json), not from the
folder listing, so a tar left in shards/ by an earlier run is not read; each
shard must hold exactly the samples the manifest gives it.

Paths in the manifest stay inside the export: an absolute path, a '..'
that climbs out, or a symlink that resolves outside is refused, and so is a
FIFO or device where a file should be.

Limits, checked before anything is read or decoded (each a constructor
argument of both datasets, raise it for larger data):
  max_member_bytes  256 MiB  an image, as a tar member or a file
  max_record_bytes    4 MiB  a manifest line, a .json member or a tar header
                             (a label of 100,000 classes is about 2 MB)
  max_pixels          100 M  width x height in the image's header (a 16-bit
                             PNG counts four times: it becomes int32)
so a hostile file (a sparse member of gigabytes, a decompression bomb, a
400-megapixel PNG) is refused at once in well under 2 GB:

    train = CutMixShards("out/", max_pixels=400_000_000, max_member_bytes=1 << 30)

Images are PNG, JPEG or WebP, told by their first bytes (OpenCV would
decode other formats without the header check); shards are plain tar, as
cutmix export writes them (a compressed one is refused).

Damaged or inconsistent files raise CutMixDataError (a ValueError) with the
file named, and the line or tar member where it applies; a limit exceeded
raises its subclass CutMixLimitError, naming the argument to raise.
"""
import io
import json
import os
import re
import stat
import struct
import tarfile

import numpy as np
import torch
from torch.utils.data import Dataset, IterableDataset, get_worker_info

IMAGE_EXTENSIONS = (".jpg", ".png", ".webp")

__all__ = ["CutMixDataError", "CutMixLimitError", "CutMixFolder", "CutMixShards", "decode_image", "read_manifest",
           "DEFAULT_MAX_MEMBER_BYTES", "DEFAULT_MAX_RECORD_BYTES", "DEFAULT_MAX_PIXELS"]

DEFAULT_MAX_MEMBER_BYTES = 256 << 20
DEFAULT_MAX_RECORD_BYTES = 4 << 20
DEFAULT_MAX_PIXELS = 100_000_000


# run.json and classes.txt are a few kilobytes; a bigger one is not ours.
_SMALL_FILE_BYTES = 64 << 20


class CutMixDataError(ValueError):
    """An export's file is damaged, inconsistent or not what `cutmix export`
    writes. The message names the file, and the line or tar member."""


class CutMixLimitError(CutMixDataError):
    """A file, member, record or image is larger than the loader's limit;
    the message names the argument (max_member_bytes, max_record_bytes,
    max_pixels) that raises it."""


def _check_limit(value, name):
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError("%s must be a positive integer, got %r" % (name, value))
    return value


def _decoder():
    """decode(bytes) -> (H x W or H x W x C array, whether its channels are BGR)."""
    try:
        import cv2

        def decode(data):
            image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
            if image is None:
                raise ValueError("not a readable image")
            return image, True

        return decode
    except ImportError:
        pass
    try:
        from PIL import Image

        def decode(data):
            with Image.open(io.BytesIO(data)) as image:
                return np.asarray(image), False

        return decode
    except ImportError:
        raise ImportError("cutmix_dataset needs OpenCV (python3-opencv) or Pillow (python3-pil) to decode images")


_decode = None

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The frame headers SOF0-SOF15; C4, C8 and CC are other markers.
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_MARKER = re.compile(rb"\xff+([^\xff\x00])")
# Real JPEGs have a few dozen segments before the frame header.
_JPEG_MAX_SEGMENTS = 10000


def _jpeg_size(data):
    # libjpeg sizes the image from the first frame header before the scan,
    # skipping bytes that are not markers as it does.
    pos = 2
    for _ in range(_JPEG_MAX_SEGMENTS):
        match = _JPEG_MARKER.search(data, pos)
        if match is None:
            break
        marker, pos = data[match.start(1)], match.end()
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:
            continue  # no length
        if marker in (0xD9, 0xDA):
            break
        if marker in _JPEG_FRAMES:
            if len(data) < pos + 7:
                break
            height, width = struct.unpack(">HH", data[pos + 3:pos + 7])
            return width, height
        if len(data) < pos + 2:
            break
        pos += struct.unpack(">H", data[pos:pos + 2])[0]
    raise ValueError("a JPEG without a frame header before its data")


def _webp_size(data):
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(data) >= 30:
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    raise ValueError("a WebP without a VP8, VP8L or VP8X header")


def _image_header(data):
    """(format, width, height, bits per value) from the header of a PNG,
    JPEG or WebP file, read without decoding it."""
    if data[:8] == _PNG_SIGNATURE:
        if len(data) < 25 or data[12:16] != b"IHDR":
            raise ValueError("a PNG without its IHDR header")
        width, height, depth = struct.unpack(">IIB", data[16:25])
        return "PNG", width, height, depth
    if data[:3] == b"\xff\xd8\xff":
        return ("JPEG",) + _jpeg_size(data) + (8,)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ("WebP",) + _webp_size(data) + (8,)
    raise ValueError("not a PNG, JPEG or WebP file")


def decode_image(data, name="image", max_pixels=DEFAULT_MAX_PIXELS):
    """The bytes of a JPEG, PNG or WebP file as a C x H x W tensor.

    The size in the file's header is checked before decoding: more than
    `max_pixels` pixels (a 16-bit PNG counts four times, as it becomes
    int32) raises CutMixLimitError."""
    global _decode
    if _decode is None:
        _decode = _decoder()
    try:
        kind, width, height, depth = _image_header(data)
    except ValueError as e:
        raise CutMixDataError("%s: cannot be decoded (%s)" % (name, e)) from None
    cost = width * height * (4 if depth > 8 else 1)
    if cost > max_pixels:
        raise CutMixLimitError("%s: a %s of %d x %d pixels%s, more than max_pixels=%d (raise it with the max_pixels "
                               "argument)" % (name, kind, width, height, " at 16 bits (counted 4 times)"
                                              if depth > 8 else "", max_pixels))
    if kind == "JPEG" and b"\xff\xd9" not in data[-4096:]:
        # libjpeg decodes a cut JPEG with a grey bottom and only a warning.
        raise CutMixDataError("%s: the JPEG is cut short (no end-of-image marker)" % name)
    try:
        array, bgr = _decode(data)
    except Exception as e:
        raise CutMixDataError("%s: cannot be decoded (%s)" % (name, e)) from None
    if array.ndim == 2:
        array = array[:, :, None]
    # One copy into the C x H x W tensor, swapping BGR(A) to RGB(A) and
    # widening 16 bits to int32 on the way, so the peak is the decoded
    # image and the tensor.
    channels = array.shape[2]
    order = [2, 1, 0] + list(range(3, channels)) if bgr and channels >= 3 else list(range(channels))
    out = np.empty((channels,) + array.shape[:2], np.int32 if array.dtype == np.uint16 else array.dtype)
    for k, c in enumerate(order):
        out[k] = array[:, :, c]
    return torch.from_numpy(out)


def _open_regular(path, where=None, follow=True):
    """A regular file opened for reading; a FIFO or device is refused
    before it can block a read. `where` says who named the file."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise CutMixDataError("%s: not a regular file" % (path if where is None else "%s: %s" % (where, path)))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _check_relative(top, relative, where, what):
    """A path from the manifest, refused when it leaves the export (whose
    real path is `top`) by its letters: absolute, or '..' climbing out."""
    if "\0" in relative:
        raise CutMixDataError("%s: %s %r holds a NUL byte" % (where, what, relative))
    if os.path.isabs(relative):
        raise CutMixDataError("%s: %s %r is an absolute path; the loader reads only files inside the export %s"
                              % (where, what, relative, top))
    if os.path.normpath(relative).split(os.sep)[0] == "..":
        raise CutMixDataError("%s: %s %r climbs out of the export %s; the loader reads only files inside it"
                              % (where, what, relative, top))


def _inside(top, relative, where, what):
    """The real path of `relative` (a path from the manifest) under the
    export whose real path is `top`: _check_relative, and a path through a
    symlink that resolves outside the export is refused too."""
    _check_relative(top, relative, where, what)
    real = os.path.realpath(os.path.join(top, relative))
    if os.path.commonpath([top, real]) != top:
        raise CutMixDataError("%s: %s %r resolves to %s, outside the export %s; the loader reads only files inside it"
                              % (where, what, relative, real, top))
    return real


def _open_inside(top, relative, where, what):
    """_inside, then the file opened; it must be a regular file (no symlink
    may replace it between the check and the open)."""
    real = _inside(top, relative, where, what)
    try:
        return _open_regular(real, where, follow=False)
    except OSError as e:
        raise CutMixDataError("%s: %s %s cannot be read (%s)" % (where, what, real, e.strerror or e)) from None


def _parse_json(data, where):
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise CutMixDataError("%s: not UTF-8 (byte 0x%02x at offset %d)" % (where, data[e.start], e.start)) from None
    except (ValueError, RecursionError) as e:
        raise CutMixDataError("%s: not JSON (%s)" % (where, e)) from None


def _manifest_records(root, max_record_bytes):
    """(line number, record) for each line of manifest.jsonl, each a JSON
    object; a blank line is refused (the exporter writes none)."""
    path = os.path.join(root, "manifest.jsonl")
    with _open_regular(path) as f:
        number = 0
        while True:
            line = f.readline(max_record_bytes + 2)
            if not line:
                return
            number += 1
            where = "%s line %d" % (path, number)
            if len(line.rstrip(b"\n")) > max_record_bytes:
                raise CutMixLimitError("%s: longer than max_record_bytes=%d (raise it with the max_record_bytes "
                                       "argument)" % (where, max_record_bytes))
            if not line.strip():
                raise CutMixDataError("%s: empty line (the exporter writes none; the manifest is damaged)" % where)
            record = _parse_json(line, where)
            if not isinstance(record, dict):
                raise CutMixDataError("%s: not a JSON object" % where)
            yield number, record


def _check_label(record, width, where):
    """The record's soft label, a list of finite numbers; `width` is the
    length the other samples have (None for the first)."""
    label = record.get("label")
    if not isinstance(label, list) or not label:
        raise CutMixDataError('%s: "label" is not a list of numbers' % where)
    for w in label:
        # An integer of hundreds of digits is beyond a float (isfinite would raise).
        if isinstance(w, bool) or not isinstance(w, (int, float)) or not abs(w) <= _FLOAT_MAX:
            raise CutMixDataError('%s: "label" holds %s, not a finite number' % (where, _short(w)))
    if width is not None and len(label) != width:
        raise CutMixDataError('%s: "label" has %d values, the first sample has %d' % (where, len(label), width))
    return label


_FLOAT_MAX = float.fromhex("0x1.fffffffffffffp+1023")


def _short(value):
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_string(record, key, where):
    value = record.get(key)
    if not isinstance(value, str) or not value:
        raise CutMixDataError('%s: "%s" is %s, not a file name' % (where, key, "missing" if value is None else repr(value)))
    return value


def read_manifest(root, max_record_bytes=DEFAULT_MAX_RECORD_BYTES):
    """The draw records of an export, one dict per sample, in index order."""
    return [record for _, record in _manifest_records(root, _check_limit(max_record_bytes, "max_record_bytes"))]


def _check_run(root, layout, count):
    """run.json, when present, must describe the layout and sample count
    that the manifest has."""
    path = os.path.join(root, "run.json")
    if not os.path.lexists(path):
        return
    with _open_regular(path) as f:
        data = f.read(_SMALL_FILE_BYTES + 1)
    if len(data) > _SMALL_FILE_BYTES:
        raise CutMixDataError("%s: larger than %d bytes; not a run.json of cutmix export" % (path, _SMALL_FILE_BYTES))
    run = _parse_json(data, path)
    if not isinstance(run, dict):
        raise CutMixDataError("%s: not a JSON object" % path)
    if run.get("layout", layout) != layout:
        raise CutMixDataError("%s: the run's layout is %r, not %s" % (path, run.get("layout"), layout))
    if type(run.get("count")) is int and run["count"] != count:
        raise CutMixDataError("%s: the run has %d samples but manifest.jsonl lists %d" % (path, run["count"], count))


def _read_classes(root):
    path = os.path.join(root, "classes.txt")
    with _open_regular(path) as f:
        data = f.read(_SMALL_FILE_BYTES + 1)
    if len(data) > _SMALL_FILE_BYTES:
        raise CutMixDataError("%s: larger than %d bytes; not a classes.txt of cutmix export" % (path, _SMALL_FILE_BYTES))
    try:
        return [line.rstrip("\n") for line in io.StringIO(data.decode("utf-8"), newline=None)]
    except UnicodeDecodeError as e:
        raise CutMixDataError("%s: not UTF-8 (byte 0x%02x at offset %d)" % (path, data[e.start], e.start)) from None


def _finished(root):
    if not os.path.exists(os.path.join(root, "manifest.jsonl")):
        raise FileNotFoundError(
            "%s: no manifest.jsonl; the export is not finished (run the same cutmix export command again, "
            "or cutmix merge for a run in parts)" % root)


class CutMixFolder(Dataset):
    """Map-style dataset over an export with the files layout (images/).

    max_member_bytes (256 MiB) bounds an image file, max_record_bytes
    (4 MiB) a manifest line, max_pixels (100 million) an image's width x
    height; pass larger values for larger data."""

    def __init__(self, root, transform=None, with_record=False, label_dtype=torch.float32,
                 max_member_bytes=DEFAULT_MAX_MEMBER_BYTES, max_record_bytes=DEFAULT_MAX_RECORD_BYTES,
                 max_pixels=DEFAULT_MAX_PIXELS):
        self.max_member_bytes = _check_limit(max_member_bytes, "max_member_bytes")
        self.max_pixels = _check_limit(max_pixels, "max_pixels")
        _finished(root)
        self.root = root
        self._top = os.path.realpath(root)
        self.records = []
        width = None
        for number, record in _manifest_records(root, _check_limit(max_record_bytes, "max_record_bytes")):
            where = "%s line %d" % (os.path.join(root, "manifest.jsonl"), number)
            if "shard" in record:
                raise CutMixDataError("%s: a webdataset export (the record names a shard); use CutMixShards" % where)
            _check_relative(self._top, os.path.join("images", _check_string(record, "file", where)), where, "file")
            width = len(_check_label(record, width, where))
            self.records.append(record)
        _check_run(root, "files", len(self.records))
        self.classes = _read_classes(root)
        self.transform = transform
        self.with_record = with_record
        self.label_dtype = label_dtype

    def __len__(self):
        return len(self.records)

    def __getitem__(self, i):
        i = range(len(self.records))[i]
        record = self.records[i]
        # Records are lines of the manifest, one each, in order.
        where = "%s line %d" % (os.path.join(self.root, "manifest.jsonl"), i + 1)
        relative = os.path.join("images", record["file"])
        path = os.path.join(self.root, relative)
        with _open_inside(self._top, relative, where, "file") as f:
            # The size first: a sparse file of gigabytes is refused unread.
            size = os.fstat(f.fileno()).st_size
            data = f.read(self.max_member_bytes + 1) if size <= self.max_member_bytes else b""
        if max(size, len(data)) > self.max_member_bytes:
            raise CutMixLimitError("%s: %s has %d bytes, more than max_member_bytes=%d (raise it with the "
                                   "max_member_bytes argument)" % (where, path, max(size, len(data)),
                                                                   self.max_member_bytes))
        image = decode_image(data, path, self.max_pixels)
        if self.transform is not None:
            image = self.transform(image)
        label = torch.tensor(record["label"], dtype=self.label_dtype)
        return (image, label, record) if self.with_record else (image, label)


class CutMixShards(IterableDataset):
    """Iterable dataset over an export with the webdataset layout (shards/).

    `root` is the export folder, or a list of shard paths. Samples come in
    shard order within each worker; `shuffle_shards=True` with a `seed`
    shuffles the shard order per epoch (call set_epoch).

    For an export folder the shards are the ones its manifest.jsonl names
    (a tar in shards/ that the manifest does not name, say from an earlier
    run into the same folder, is not read), and each must hold the samples
    the manifest gives it, no more and no fewer.

    max_member_bytes (256 MiB) bounds an image member, max_record_bytes
    (4 MiB) a manifest line, a .json member or a tar header, max_pixels
    (100 million) an image's width x height; pass larger values for larger
    data."""

    def __init__(self, root, transform=None, with_record=False, label_dtype=torch.float32, rank=0, world_size=1,
                 shuffle_shards=False, seed=0, max_member_bytes=DEFAULT_MAX_MEMBER_BYTES,
                 max_record_bytes=DEFAULT_MAX_RECORD_BYTES, max_pixels=DEFAULT_MAX_PIXELS):
        self.max_member_bytes = _check_limit(max_member_bytes, "max_member_bytes")
        self.max_record_bytes = _check_limit(max_record_bytes, "max_record_bytes")
        self.max_pixels = _check_limit(max_pixels, "max_pixels")
        if isinstance(root, (list, tuple)):
            self.shards = list(root)
            self.length = None
            self._expected = None
            self._label_width = None
        else:
            _finished(root)
            self._top = os.path.realpath(root)
            self.shards, self.length, self._expected, self._label_width = self._read_run(root)
            _check_run(root, "webdataset", self.length)
        if not self.shards:
            raise FileNotFoundError("%s: no tar shards" % root)
        self.transform = transform
        self.with_record = with_record
        self.label_dtype = label_dtype
        self.rank, self.world_size = rank, world_size
        self.shuffle_shards, self.seed, self.epoch = shuffle_shards, seed, 0

    def _read_run(self, root):
        """The shards in the order the manifest names them, the sample count,
        and for each shard path its name in the manifest and its samples."""
        expected = {}
        count, width = 0, None
        for number, record in _manifest_records(root, self.max_record_bytes):
            where = "%s line %d" % (os.path.join(root, "manifest.jsonl"), number)
            if "shard" not in record:
                raise CutMixDataError('%s: no "shard": not a webdataset export (use CutMixFolder for --layout files)'
                                      % where)
            name = _check_string(record, "shard", where)
            _check_string(record, "file", where)
            width = len(_check_label(record, width, where))
            path = os.path.join(root, name)
            if path not in expected:
                real = _inside(self._top, name, where, "shard")
                if not os.path.exists(real):
                    raise CutMixDataError("%s: the shard %s is missing" % (where, path))
                if not os.path.isfile(real):
                    raise CutMixDataError("%s: the shard %s is not a regular file" % (where, path))
                expected[path] = [name, 0]
            expected[path][1] += 1
            count += 1
        if not count:
            raise CutMixDataError("%s: lists no samples" % os.path.join(root, "manifest.jsonl"))
        return list(expected), count, {path: tuple(v) for path, v in expected.items()}, width

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
        # A sample is three adjacent members <key>.<image>, <key>.json and
        # <key>.cls, as webdataset groups them.
        name, expected = self._expected[shard] if self._expected is not None else (None, None)
        width = self._label_width
        done = set()
        key, entry = None, {}
        for member, member_key, kind, data in self._members(shard, name):
            where = "%s: member %s" % (shard, member)
            if member_key != key:
                if entry:
                    raise CutMixDataError("%s: sample %s has no %s (its members must be adjacent)"
                                          % (where, key, _missing(entry)))
                if member_key in done:
                    raise CutMixDataError("%s: sample %s appears twice" % (where, member_key))
                if expected is not None and len(done) == expected:
                    raise CutMixDataError("%s: more samples than the %d that manifest.jsonl gives %s"
                                          % (where, expected, name))
                key = member_key
            if kind in entry:
                raise CutMixDataError("%s: sample %s has a second %s" % (where, key, kind))
            entry[kind] = (member, data)
            if len(entry) == 3:
                done.add(key)
                sample, width = self._sample(shard, name, entry, width)
                key, entry = None, {}
                yield sample
        if entry:
            raise CutMixDataError("%s: the last sample %s has no %s (the shard is cut short?)"
                                  % (shard, key, _missing(entry)))
        if expected is not None and len(done) != expected:
            raise CutMixDataError("%s: %d samples, but manifest.jsonl gives %s %d (the shard is cut short or from "
                                  "another run)" % (shard, len(done), name, expected))

    def _open_shard(self, shard, name):
        if name is not None:
            f = _open_inside(self._top, name, shard, "shard")
        else:
            try:
                f = _open_regular(shard)
            except OSError as e:
                raise CutMixDataError("%s: cannot be read (%s)" % (shard, e.strerror or e)) from None
        try:
            head = f.read(8)
            for magic, compression in _COMPRESSED:
                if head.startswith(magic):
                    raise CutMixDataError("%s: %s-compressed; the loader reads plain tar, as cutmix export writes it "
                                          "(decompress the shard first)" % (shard, compression))
            f.seek(0)
            return f
        except BaseException:
            f.close()
            raise

    def _members(self, shard, name):
        """(name, key, kind, bytes) for each member of the shard, its size
        checked against its limit before it is read."""
        with self._open_shard(shard, name) as f:
            # Headers are read in 512-byte blocks.
            header_limit = max(512, -(-self.max_record_bytes // 512) * 512)
            reads = _BoundedReads(f, shard, header_limit)
            try:
                with tarfile.open(fileobj=reads, mode="r:") as tar:
                    yield from self._checked_members(tar, reads, shard, header_limit)
            except CutMixDataError:
                raise
            except (tarfile.TarError, EOFError, ValueError, OverflowError, RecursionError) as e:
                raise CutMixDataError("%s: not a readable tar file (%s)" % (shard, e)) from None
            except OSError as e:
                raise CutMixDataError("%s: cannot be read (%s)" % (shard, e.strerror or e)) from None

    def _checked_members(self, tar, reads, shard, header_limit):
        # Only the members of a sample, each no larger than its kind allows;
        # while one is read, tarfile may read no more than its size.
        for member in tar:
            where = "%s: member %s" % (shard, member.name)
            if not member.isreg():
                raise CutMixDataError("%s: not a regular file (a shard holds only the files of its samples)"
                                      % where)
            key, _, ext = member.name.rpartition("/")[2].partition(".")
            kind = "image" if "." + ext in IMAGE_EXTENSIONS else ext
            if kind == "image":
                limit, argument = self.max_member_bytes, "max_member_bytes"
            elif kind == "json":
                limit, argument = self.max_record_bytes, "max_record_bytes"
            elif kind == "cls":
                limit, argument = _CLS_BYTES, None
            else:
                raise CutMixDataError("%s: not a sample's image, .json or .cls" % where)
            if member.size < 0:
                raise CutMixDataError("%s: a negative size in its header (the shard is damaged)" % where)
            if member.size > limit:
                if argument is None:
                    raise CutMixDataError("%s: %d bytes, not a class number" % (where, member.size))
                raise CutMixLimitError("%s: %d bytes, more than %s=%d (raise it with the %s argument)"
                                       % (where, member.size, argument, limit, argument))
            reads.limit = member.size
            data = tar.extractfile(member).read()
            reads.limit = header_limit
            yield member.name, key, kind, data

    def _sample(self, shard, name, entry, width):
        member, data = entry["json"]
        where = "%s: member %s" % (shard, member)
        record = _parse_json(data, where)
        if not isinstance(record, dict):
            raise CutMixDataError("%s: not a JSON object" % where)
        label = _check_label(record, width, where)
        if name is not None:
            # The record must be this run's sample of this shard.
            if record.get("shard") != name:
                raise CutMixDataError('%s: "shard" is %r, but the manifest reads this as %s (a shard of another run?)'
                                      % (where, record.get("shard"), name))
            if record.get("file") != entry["image"][0].rpartition("/")[2]:
                raise CutMixDataError('%s: "file" is %r, not its image %s' % (where, record.get("file"), entry["image"][0]))
        member, data = entry["cls"]
        if not data.strip().isdigit():
            raise CutMixDataError("%s: member %s: not a class number" % (shard, member))
        image_name, data = entry["image"]
        image = decode_image(data, "%s: member %s" % (shard, image_name), self.max_pixels)
        if self.transform is not None:
            image = self.transform(image)
        tensor = torch.tensor(label, dtype=self.label_dtype)
        return ((image, tensor, record) if self.with_record else (image, tensor)), len(label)


# The .cls member holds a class number.
_CLS_BYTES = 32
_COMPRESSED = ((b"\x1f\x8b", "gzip"), (b"BZh", "bzip2"), (b"\xfd7zXZ\x00", "xz"), (b"\x28\xb5\x2f\xfd", "zstd"))


class _BoundedReads:
    """The shard's file as tarfile reads it: a read of more than `limit`
    bytes is refused before tarfile allocates it. While tarfile parses
    headers the limit is max_record_bytes, so a pax or GNU long-name header
    that claims gigabytes is refused; while a member is read, its size."""

    def __init__(self, f, shard, limit):
        self.f, self.shard, self.limit = f, shard, limit

    def read(self, size=-1):
        if size is None or size < 0:
            raise CutMixDataError("%s: the tar header ending at byte %d has a negative size (the shard is damaged)"
                                  % (self.shard, self.f.tell()))
        if size > self.limit:
            raise CutMixLimitError("%s: the tar header ending at byte %d declares %d bytes, more than "
                                   "max_record_bytes=%d (raise it with the max_record_bytes argument)"
                                   % (self.shard, self.f.tell(), size, self.limit))
        return self.f.read(size)

    def seek(self, offset, whence=os.SEEK_SET):
        return self.f.seek(offset, whence)

    def tell(self):
        return self.f.tell()


def _missing(entry):
    return " and ".join(k if k == "image" else "." + k for k in ("image", "json", "cls") if k not in entry)
