#!/usr/bin/env bash
# Writes the man page cutmix(1) to standard output from the command table
# (cutmix --commands) and each command's own --help: built with the program,
# so it cannot drift from it. Usage: make_man.sh path/to/cutmix VERSION
set -euo pipefail
cutmix=$1
version=$2
# troff: a backslash is doubled; a line starting with a dot or a quote is
# protected.
esc() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }
cat <<MAN
.TH CUTMIX 1 "" "cutmix $version" "User Commands"
.SH NAME
cutmix \\- CutMix data augmentation (Yun et al., ICCV 2019) from the command line
.SH SYNOPSIS
.B cutmix
.I command
[\\fIoptions\\fR]
.br
.B cutmix
.I command
.B \\-\\-help
.SH DESCRIPTION
The exact boxes, draws and label weights of CutMix and its family (MixUp,
ResizeMix, FMix, Cutout, multi-source CutMix), as the official code, timm,
torchvision, Keras-CV and Kornia compute them; mixed images, sample sheets,
figures, animations, whole batches, audits of batches mixed by other code,
and exports of whole datasets. A seed and a sample index determine a draw.
.SH COMMANDS
MAN
"$cutmix" --commands | while IFS=$'\t' read -r name summary; do
  printf '.TP\n.B %s\n%s\n' "$name" "$(printf '%s' "$summary" | esc)"
done
"$cutmix" --commands | while IFS=$'\t' read -r name summary; do
  printf '.SH "CUTMIX %s"\n.nf\n' "$(printf '%s' "$name" | tr a-z A-Z)"
  "$cutmix" "$name" --help | esc
  printf '.fi\n'
done
cat <<MAN
.SH EXIT STATUS
0 done; 1 a file or its data is wrong; 2 an argument is wrong; 130
interrupted (run the same command again to finish).
.SH SEE ALSO
.BR cutmix-studio (1)
MAN
