#include "readouttext.h"

#include "describe.h"
#include "format.h"
#include "method.h"
#include "studiomodel.h"


namespace cutmix::ui
{

namespace
{

QString pct(double v)
{
    return QString::fromStdString(formatPercent(v, 1));
}

// Keeps a value and its unit or name together on one line.
QString unbroken(const QString& s)
{
    QString t = s;
    return t.replace(' ', QChar(0x00A0));
}

// "NumPy seed 42, timm, iteration 7: cutmix"
QString replayLine(const StudioModel& m)
{
    return QString("NumPy seed %1, %2, iteration %3: %4")
        .arg(m.replay().settings.seed)
        .arg(QString::fromStdString(std::string(replayRecipeName(m.replay().settings.recipe))))
        .arg(m.replay().iteration)
        .arg(QString::fromStdString(std::string(m.replayStep().method)));
}

} // namespace

QString summaryLine(const StudioModel& m)
{
    const Draw& d = m.draw();
    const Method& method = *d.params.method;
    QStringList what;
    const bool replaying = m.replay().active;
    if (replaying)
        what << unbroken(replayLine(m));
    if (replaying && m.replayStep().method == "none") {
        // Nothing to describe: the batch was used as it was.
    } else if (method.family == "mixup") {
        what << unbroken(QString("MixUp λ %1").arg(d.lam, 0, 'f', 4));
    } else if (method.family == "fmix") {
        what << unbroken(QString("FMix λ %1").arg(d.lamSampled, 0, 'f', 4))
             << unbroken(QString("%1 px of A").arg(d.maskCount));
    } else if (method.family == "resizemix") {
        what << unbroken(QString("ResizeMix τ %1").arg(d.tau, 0, 'f', 3))
             << unbroken("patch " + QString::fromStdString(boxText(d.geometry.box)));
    } else if (method.family == "cutout") {
        what << unbroken("Cutout " + QString::fromStdString(boxText(d.geometry.box)));
    } else if (!d.extra.empty()) {
        what << unbroken(QString("CutMix of %1 sources").arg(d.sources));
    } else {
        what << unbroken("box " + QString::fromStdString(boxText(d.geometry.box)))
             << unbroken(QString("λ %1").arg(d.lamSampled, 0, 'f', 4))
             << unbroken(QString("λ_adj %1").arg(d.lamAdj, 0, 'f', 4));
    }
    const NamedSources names = m.names();
    const std::vector<double> label = m.softLabel();
    QStringList weights;
    for (std::size_t k = 0; k < names.classes.size(); ++k)
        weights << unbroken(QString::fromStdString(names.classes[k]) + " " + pct(label[k]));
    QString text = what.join("   ") + "   ·   " + weights.join(" / ");
    if (m.selfMix())
        text += "   " + unbroken("⚠ A and B are the same image");
    return text;
}

QStringList presentationLines(const StudioModel& m)
{
    if (!m.hasPair())
        return {};
    const Draw& d = m.draw();
    const Method& method = *d.params.method;
    auto title = QString::fromUtf8(method.title.data(), int(method.title.size()));
    QStringList lines;
    lines << (method.isConvention()
                  ? QString("<b>%1</b> · %2").arg(title, QString::fromUtf8(method.name.data(), int(method.name.size())))
                  : QString("<b>%1</b>").arg(title));
    lines << QString("α = %1%2").arg(d.params.alpha, 0, 'f', 2).arg(m.hold() ? " (held)" : "");
    if (method.family == "resizemix") {
        lines << QString("τ = %1").arg(d.tau, 0, 'f', 3);
    } else if (method.family != "cutout") {
        lines << QString("λ = %1").arg(d.lamSampled, 0, 'f', 4);
        if (method.region != Region::Blend)
            lines << QString("λ<sub>adj</sub> = %1").arg(d.lamAdj, 0, 'f', 4);
    }
    lines << "";
    const NamedSources names = m.names();
    const std::vector<double> label = m.softLabel();
    for (std::size_t k = 0; k < names.classes.size(); ++k)
        lines << QString("%1 <b>%2</b>")
                     .arg(QString::fromStdString(names.classes[k]).toHtmlEscaped(), pct(label[k]).toHtmlEscaped());
    return lines;
}

QStringList formulaLines(const StudioModel& m)
{
    if (!m.hasPair())
        return {"Open two images to see a draw."};
    DescribeContext context;
    context.selfMix = m.selfMix();
    QStringList lines;
    if (m.replay().active) {
        lines << replayLine(m);
        if (m.replayStep().method == "none")
            return lines << "the recipe does not mix in this iteration: the images are used as they are,"
                         << "weight of A = 1";
    }
    for (const std::string& line : cutmix::formulaLines(m.draw(), context))
        lines << QString::fromStdString(line);
    return lines;
}

} // namespace cutmix::ui
