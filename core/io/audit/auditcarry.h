// How the audit judges boxes, shared by the batch audit (auditobjects.cpp)
// and the Mosaic audit (auditmosaic.cpp): objects carried through what the
// pixels show, matched with the boxes the pipeline wrote, and flagged.
#pragma once

#include "audit.h"

#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cutmix::auditcarry
{

// One reading of the pixels: a view per source, and the map a mask reads.
struct Reading {
    std::vector<SourceView> views;
    cv::Mat map;
};

// A list of boxes before the mix and whose they are (an element of a
// batch, or a tile of a Mosaic): AuditObject::sourceElement is `id`.
struct Source {
    int id = 0;
    const std::vector<Object>* objects = nullptr;
    bool segments = false; // the boxes came from polygons (Ultralytics' 1 % rule)
};

struct Judged {
    std::vector<AuditObject> objects;
    int flagged = 0;
};

// The sources' objects carried through every reading (the first is judged by
// the keep rules; the others widen the visible share and the boxes
// accepted), each box of `after` matched with an object of its class within
// 1 px (the objects of source `own` also at their box before the mix,
// clipped), and each flagged as audit.h's judgeObjects says. A box no object
// explains is compared with `unmovedOrder`'s boxes at their place before the
// mix; one that equals such a box names it and takes `unmovedCause`.
Judged judge(const std::vector<Reading>& readings, const std::vector<Source>& sources, std::optional<int> own,
             const std::vector<Object>& after, Size size, const std::vector<Source>& unmovedOrder,
             std::string_view unmovedCause, double minVisibility);

// The flagged objects in words, appended to `out` (tiles: the sources are a
// Mosaic's tiles, not elements); returns the first flagged object's cause.
std::string flagPhrases(const std::vector<AuditObject>& objects, double minVisibility, bool tiles,
                        std::vector<Phrase>& out);

// Every object with its class, status, cause, boxes, visible share and each
// keep rule's verdict (auditreport.cpp): the JSON's "objects".
nlohmann::json objectsJson(const std::vector<AuditObject>& objects);
// "objects: 3 carried (2 kept, 1 dropped), 2 boxes after, 1 flagged", or for
// boxes not judged "objects: 2 boxes after, not judged".
std::string objectSummary(const std::vector<AuditObject>& objects, bool judged);

} // namespace cutmix::auditcarry
