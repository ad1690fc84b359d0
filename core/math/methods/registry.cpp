// The registry: every entry of methods/, in the order the window and the help
// list them (the CutMix conventions first), and the lookups by name. A new
// method is a file of its own in this folder and one line in makeRegistry().
#include "draw.h"
#include "entries.h"
#include "error.h"
#include "method.h"

#include <algorithm>

namespace cutmix
{

namespace entries
{

double drawnLam(const Draw& d)
{
    return d.lamSampled;
}

double shareOfA(const Draw& d)
{
    return d.lamAdj;
}

} // namespace entries

namespace
{

std::vector<Method> makeRegistry()
{
    std::vector<Method> r = entries::cutmixEntries();
    r.push_back(entries::mixupEntry());
    r.push_back(entries::resizemixEntry());
    r.push_back(entries::fmixEntry());
    r.push_back(entries::cutoutEntry());
    r.push_back(entries::ultralyticsCutMixEntry());
    r.push_back(entries::mosaicEntry());
    return r;
}

} // namespace

bool Method::takes(Setting p) const
{
    return std::find(parameters.begin(), parameters.end(), p) != parameters.end();
}

Geometry Method::boxOf(Size image, double lam, const BoxPosition& at, const BoxCut& cut) const
{
    if (!isConvention())
        throw Error(std::string(name) + " is not a CutMix convention: it places no box of its own");
    checkSize(image);
    checkLam(lam);
    Size c;
    if (cut.given) {
        c = *cut.given;
    } else if (box.drawsCut) {
        if (!cut.drawn)
            throw Error(std::string(name) + " draws its cut size: give the cut", Setting::Size);
        checkMinMax(cut.range);
        c = box.drawCut(image, cut.range, cut.uw, cut.uh);
    } else {
        c = box.cutFor(image, lam);
    }
    if (at.given)
        return box.place(image, c, *at.given);
    if (!(at.ux >= 0.0 && at.ux < 1.0 && at.uy >= 0.0 && at.uy < 1.0))
        throw Error("uniforms must lie in [0, 1)");
    return box.place(image, c, box.position(image, c, at.ux, at.uy));
}

const std::vector<Method>& methods()
{
    static const std::vector<Method> registry = makeRegistry();
    return registry;
}

const Method& defaultMethod()
{
    return methods().front();
}

const Method& methodNamed(std::string_view name)
{
    for (const Method& m : methods())
        if (m.name == name)
            return m;
    throw Error("unknown convention '" + std::string(name) + "' (expected one of: " + methodNames() + ")",
                Setting::Method);
}

const Method& methodFor(std::string_view method, std::optional<std::string_view> convention)
{
    for (const Method& m : methods()) {
        if (m.family != method)
            continue;
        if (!m.isConvention()) {
            if (convention)
                throw Error("a convention applies to cutmix only, not to " + std::string(method), Setting::Method);
            return m;
        }
        if (!convention)
            return m; // the first convention: official
        const Method& c = methodNamed(*convention);
        if (c.family != method)
            throw Error("'" + std::string(*convention) + "' is not a CutMix convention", Setting::Method);
        return c;
    }
    std::string all;
    for (std::string_view f : allMethodFamilies())
        all += (all.empty() ? "" : ", ") + std::string(f);
    throw Error("unknown method '" + std::string(method) + "' (expected one of: " + all + ")", Setting::Method);
}

std::vector<const Method*> variantsOf(const Method& m)
{
    std::vector<const Method*> same;
    for (const Method& e : methods())
        if (e.family == m.family)
            same.push_back(&e);
    return same;
}

std::vector<std::string_view> allMethodFamilies()
{
    std::vector<std::string_view> families;
    for (const Method& m : methods())
        if (std::find(families.begin(), families.end(), m.family) == families.end())
            families.push_back(m.family);
    return families;
}

std::vector<std::string_view> methodFamilies()
{
    std::vector<std::string_view> families;
    for (std::string_view f : allMethodFamilies())
        if (methodFor(f).mixesPair())
            families.push_back(f);
    return families;
}

std::string methodNames()
{
    std::string names;
    for (const Method& m : methods())
        if (m.isConvention())
            names += (names.empty() ? "" : ", ") + std::string(m.name);
    return names;
}

std::string familyNames()
{
    std::string names;
    for (std::string_view f : methodFamilies())
        names += (names.empty() ? "" : ", ") + std::string(f);
    return names;
}

} // namespace cutmix
