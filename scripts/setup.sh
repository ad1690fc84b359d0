#!/usr/bin/env bash
# Installs what CutMix Studio needs to build, test and run, from the
# distribution's archive (Debian 12 or newer, Ubuntu 24.04 or newer). Sourced by
# run.sh and test.sh; installs only what is missing.
set -euo pipefail

CUTMIX_PACKAGES=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-svg-dev qt6-qpa-plugins libgl-dev
  libopencv-dev libboost-math-dev nlohmann-json3-dev libwebp-dev libgif-dev libimagequant-dev libarchive-dev zlib1g-dev libpugixml-dev
  xvfb xauth fonts-dejavu-core
  # The window in Chinese: lupdate/lrelease and their CMake macros, Qt's own
  # zh_CN messages, and a CJK font.
  qt6-l10n-tools qt6-tools-dev qt6-translations-l10n fonts-noto-cjk
)

cutmix_missing_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] || printf '%s\n' "${missing[@]}"
}

# cutmix_install [extra packages...]
cutmix_install() {
  local wanted=("${CUTMIX_PACKAGES[@]}" "$@") missing
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "This is not a Debian or Ubuntu system. Install these (or your system's equivalents) and rerun:" >&2
    echo "  ${wanted[*]}" >&2
    return 1
  fi
  mapfile -t missing < <(cutmix_missing_packages "${wanted[@]}")
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get is not available. Install these packages and rerun: ${missing[*]}" >&2
    return 1
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
      echo "Not root and no sudo. As root, run: apt-get install ${missing[*]}" >&2
      return 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Refresh the package lists only when an install from the cached lists fails.
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" \
    || { "${sudo[@]}" apt-get update -q && "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; }
}

# Stops with a clear message where the system's CMake or Qt is older than the
# build needs (for example Ubuntu 22.04: CMake 3.22, Qt 6.2).
cutmix_check_versions() {
  local cmake_version qt_version
  cmake_version=$(cmake --version 2>/dev/null | sed -n 's/^cmake version \([0-9.]*\).*/\1/p')
  qt_version=$(dpkg-query -W -f='${Version}' qt6-base-dev 2>/dev/null | sed 's/^[0-9]*://; s/[^0-9.].*//')
  local too_old=()
  if ! printf '3.25\n%s\n' "${cmake_version:-0}" | sort -V -C; then too_old+=("CMake ${cmake_version:-?} (needs 3.25)"); fi
  if [ -n "$qt_version" ] && ! printf '6.4\n%s\n' "$qt_version" | sort -V -C; then too_old+=("Qt $qt_version (needs 6.4)"); fi
  if [ ${#too_old[@]} -gt 0 ]; then
    echo "This system is too old to build CutMix Studio: ${too_old[*]}." >&2
    echo "Supported: Debian 12 or newer, Ubuntu 24.04 or newer." >&2
    return 1
  fi
}

# cutmix_build <preset>
cutmix_build() {
  local preset=$1
  cutmix_check_versions
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$(nproc)"
}
