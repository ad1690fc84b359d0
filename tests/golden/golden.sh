#!/usr/bin/env bash
# The golden set: the outputs of every `cutmix` command for fixed seeds, so
# that a change that should not change behaviour can be shown not to. Each
# command writes into OUT; the names and SHA-256 sums of everything written
# go to OUT/SUMS, one "sum  name" line per file, sorted by name.
#
#   tests/golden/golden.sh CUTMIX OUT            write the set
#   tests/golden/golden.sh CUTMIX OUT --check    write it and compare OUT/SUMS
#                                                with tests/golden/SUMS
#
# The images are the bundled demo photographs; every path given to cutmix is
# relative (the records name them), so the sums do not depend on where the
# test runs.
set -euo pipefail
cutmix=$(realpath "$1")
out=$2
check=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
res=$(cd "$here/../../resources" && pwd)

rm -rf "$out"
mkdir -p "$out/in/data/cat" "$out/in/data/cup" "$out/in/data/space"
cd "$out/in"
cp "$res/chelsea.png" cat.png
cp "$res/coffee.png" cup.png
cp "$res/rocket.jpg" rocket.jpg
cp "$res/horse.png" horse.png
cp "$res/camera.png" camera.png
cp "$res/labels/chelsea.txt" cat.txt
cp "$res/labels/coffee.txt" cup.txt
cp "$res/chelsea.png" data/cat/a.png
cp "$res/horse.png" data/cat/b.png
cp "$res/coffee.png" data/cup/a.png
cp "$res/coins.png" data/cup/b.png
cp "$res/rocket.jpg" data/space/a.jpg
cp "$res/camera.png" data/space/b.png

o=../o
mkdir -p $o
# Every command's stdout and stderr are part of the set; a failing command
# fails the script.
run() {
  local name=$1
  shift
  "$cutmix" "$@" >"$o/$name.stdout" 2>"$o/$name.stderr" || {
    echo "golden: '$name' failed: cutmix $*" >&2
    cat "$o/$name.stderr" >&2
    exit 1
  }
}
runin() { # like run, with standard input from a file
  local name=$1 input=$2
  shift 2
  "$cutmix" "$@" <"$input" >"$o/$name.stdout" 2>"$o/$name.stderr" || {
    echo "golden: '$name' failed: cutmix $*" >&2
    cat "$o/$name.stderr" >&2
    exit 1
  }
}

# box: every convention, one line and a batch.
for c in official official-raw keras-cv; do
  run box-$c box --size 224x224 --lam 0.7 --center 200,10 --convention $c
done
run box-kornia box --size 224x224 --lam 0.7 --center 20,10 --convention kornia
run box-kornia-uniform box --size 224x224 --lam 0.0 --center 0.5,0.5 --uniforms --convention kornia
run box-minmax box --size 224x224 --cut 100x60 --center 10,20 --convention timm-minmax
printf '224 224 0.7 112 112\n320 180 0.5 160 90\n4 2 0.4375000298023224 2 1\n' >box.txt
printf '224 224 0.7 11 12\n320 180 0.5 60 20\n4 2 0.4375000298023224 0 0\n' >boxk.txt
runin box-batch-kornia boxk.txt box --batch --with-weight --convention kornia
for c in official keras-cv; do
  runin box-batch-$c box.txt box --batch --with-weight --convention $c
done
printf '224 224 0.7 0.5 0.25\n7 7 0.2 0.999 0.001\n' >uni.txt
runin box-uniforms uni.txt box --batch --uniforms --with-weight --convention kornia

# sample and stats
run sample sample --alpha 1 --count 20 --seed 42 --size 224x224
run sample-small-alpha sample --alpha 0.05 --count 20 --seed 3 --size 320x180 --convention kornia --correct-lam no
run sample-minmax sample --count 10 --seed 5 --size 224x224 --convention timm-minmax --minmax 0.3,0.6
run stats stats --alpha 1 --size 224x224 --seed 3 --count 5000 --bins 20
run stats-keras stats --alpha 0.4 --size 100x60 --seed 1 --count 3000 --convention keras-cv
run stats-plot stats --alpha 1 --size 224x224 --seed 3 --count 2000 --plot $o/stats.png
run stats-resizemix stats --method resizemix --scale 0.2,0.7 --size 100x60 --seed 2 --count 3000 --bins 20 --plot $o/stats-resizemix.png

# replay
run replay-official replay --recipe official --numpy-seed 0 --size 224x224 --alpha 1 --prob 0.6 --iterations 50
run replay-timm replay --recipe timm --numpy-seed 7 --size 160x120 --mixup-alpha 0.8 --cutmix-alpha 1 --iterations 50 --start 10
run replay-timm-raw replay --recipe timm --numpy-seed 9 --size 224x224 --mixup-alpha 0 --cutmix-alpha 1 --correct-lam no --iterations 20

# mix: every method and convention, multi-source, source maps, a preset
for c in official official-raw keras-cv kornia timm-minmax; do
  run mix-$c mix cat.png cup.png -o $o/mix-$c.png --seed 7 --index 3 --convention $c --json $o/mix-$c.json
done
run mix-mixup mix cat.png cup.png -o $o/mix-mixup.png --method mixup --seed 7 --alpha 0.4
run mix-mixup-exact mix cat.png cup.png -o $o/mix-mixup-exact.png --method mixup --seed 7 --rounding exact
run mix-resizemix mix cat.png cup.png -o $o/mix-resizemix.png --method resizemix --seed 2 --scale 0.2,0.6 --source-map $o/map-resizemix.png
run mix-fmix mix cat.png cup.png -o $o/mix-fmix.png --method fmix --seed 4 --decay 2.5 --source-map $o/map-fmix.png
run mix-cutout mix cat.png cup.png -o $o/mix-cutout.png --method cutout --seed 4 --cutout-size 0.3 --fill noise --source-map $o/map-cutout.png
run mix-cutout-const mix cat.png cup.png -o $o/mix-cutout-const.png --method cutout --seed 4 --fill-value 200
run mix-four mix cat.png cup.png rocket.jpg horse.png -o $o/mix-four.png --seed 11 --source-map $o/map-four.png --smoothing 0.1
run mix-mosaic mix cat.png cup.png rocket.jpg horse.png -o $o/mix-mosaic.png --method mosaic --mosaic-size 96 --seed 11 --source-map $o/map-mosaic.png
run mix-ultralytics mix cat.png cup.png -o $o/mix-ultralytics.png --method cutmix-ultralytics --num-areas 4 --seed 6 --source-map $o/map-ultralytics.png
run mix-crop mix cat.png rocket.jpg -o $o/mix-crop.jpg --resize center-crop --seed 1 --quality 80
run mix-gray mix camera.png cat.png -o $o/mix-gray.png --seed 5 --label-a cam --label-b kitty --classes 5
cat >preset.json <<'JSON'
{"cutmix_preset": 2, "alpha": 0.5, "method": "cutmix", "convention": "kornia", "correct_lam": true, "seed": 21, "index": 2, "smoothing": 0.05}
JSON
run mix-preset mix cat.png cup.png -o $o/mix-preset.png --preset preset.json

# export: both layouts, multi-source, a list file
run export-files export data -o $o/export-files --count 12 --size 64x48 --format png --seed 3 --threads 2 -q
run export-wds export data -o $o/export-wds --count 12 --size 64x48 --layout webdataset --shard-samples 5 --seed 3 --threads 1 -q
run export-multi export data -o $o/export-multi --count 6 --size 40x40 --format png --sources 3 --pairs epoch --seed 8 -q
run export-fmix export data -o $o/export-fmix --count 4 --size 48x48 --format png --method fmix --seed 8 -q --smoothing 0.1

# grid and compare
run grid grid cat.png cup.png -o $o/grid.png --rows 2 --cols 3 --tile 96 --sides --seed 7
run grid-dataset grid --dataset data -o $o/grid-dataset.png --rows 2 --cols 2 --tile 80 --seed 2 --json $o/grid-dataset.jsonl
run grid-mixup grid cat.png cup.png -o $o/grid-mixup.png --rows 1 --cols 3 --tile 64 --method mixup --no-title
run compare compare cat.png cup.png -o $o/compare.png --seed 7 --panel 96 --json $o/compare.jsonl
run grid-boxes grid cat.png cup.png -o $o/grid-boxes.png --rows 1 --cols 3 --tile 96 --seed 7 --boxes cat.txt cup.txt --box-rule albumentations --min-visibility 0.5 --json $o/grid-boxes.jsonl
run compare-boxes compare cat.png cup.png -o $o/compare-boxes.png --seed 7 --panel 96 --methods original,mixup,cutmix,cutmix-ultralytics --boxes cat.txt cup.txt --box-rule albumentations --min-visibility 0.5 --json $o/compare-boxes.jsonl
run compare-all compare cat.png cup.png -o $o/compare-all.png --methods original,mixup,cutout,cutmix,resizemix,fmix --lam 0.7 --panel 80

# batch and audit
run batch-timm batch cat.png cup.png rocket.jpg horse.png --recipe timm --mode elem --seed 3 --size 64x64 -o $o/batch-timm.png --targets $o/batch-timm.csv --dump $o/dump-timm
run batch-tv batch cat.png cup.png rocket.jpg horse.png camera.png --recipe torchvision --seed 4 --size 48x48 --targets $o/batch-tv.csv --dump $o/dump-tv
run batch-official batch cat.png cup.png rocket.jpg horse.png --recipe official --seed 5 --size 48x48 --targets $o/batch-official.csv
run batch-dataset batch --dataset data --batch-size 4 --recipe timm --mode pair --seed 1 --size 32x32 --targets $o/batch-dataset.csv
run audit-timm audit $o/dump-timm --json $o/audit-timm.json
run audit-tv audit $o/dump-tv --json $o/audit-tv.json

# animate
run animate-alpha animate cat.png cup.png -o $o/anim-alpha.gif --sweep alpha --from 0.1 --to 10 --frames 6 --box --caption --width 120
run animate-draws animate cat.png cup.png -o $o/anim-draws.gif --sweep draws --frames 4 --width 100 --source-map
run animate-boxes animate cat.png cup.png -o $o/anim-boxes.gif --sweep draws --frames 4 --width 100 --box --boxes cat.txt cup.txt --box-rule ultralytics

cd "$out"
rm -rf in
# The export's summary line on stderr carries a time and a rate: replaced.
for f in o/export-*.stderr; do sed -i -E 's/[0-9.]+ s, [0-9.]+ images\/s/TIME/' "$f"; done
# run.json names its input by its absolute path.
abs=$(pwd)
for f in o/export-*/run.json; do sed -i "s|$abs/|OUT/|g" "$f"; done
(cd o && find . -type f | LC_ALL=C sort | xargs sha256sum) >SUMS
if [ "$check" = "--check" ]; then
  if ! diff -u "$here/SUMS" SUMS; then
    echo "golden: the outputs above differ from tests/golden/SUMS (regenerate with the commit that changes them on purpose)" >&2
    exit 1
  fi
  echo "golden: $(wc -l <SUMS) outputs identical"
fi
