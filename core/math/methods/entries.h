// The entries each file of methods/ contributes to the registry
// (registry.cpp lists them in the order the window and the help show them).
#pragma once

#include "method.h"

#include <vector>

namespace cutmix::entries
{

std::vector<Method> cutmixEntries(); // cutmix.cpp: the CutMix conventions
Method mixupEntry();                 // mixup.cpp
Method resizemixEntry();             // resizemix.cpp
Method fmixEntry();                  // fmix.cpp
Method cutoutEntry();                // cutout.cpp
Method ultralyticsCutMixEntry();     // cutmix_ultralytics.cpp
Method mosaicEntry();                // mosaic.cpp

// Shared by the entries: a number of the draw for the read-outs.
double drawnLam(const Draw& d);
double shareOfA(const Draw& d); // lam_adj
// The official code's box (cutmix.cpp): cut int(side·√(1 − λ)), centre
// from two uniforms, [c − cut // 2, c + cut // 2) clipped; Ultralytics'
// CutMix._rand_bbox draws each candidate so.
Geometry officialBox(Size image, double lam, double ux, double uy);

} // namespace cutmix::entries
