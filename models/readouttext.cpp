#include "readouttext.h"

#include "coretext.h"
#include "describe.h"
#include "format.h"
#include "method.h"
#include "studiomodel.h"

#include <QCoreApplication>

namespace cutmix::ui
{

namespace
{

QString pct(double v)
{
    return QString::fromStdString(formatPercent(v, 1));
}

// Keeps a value and its unit or name together on one line: no-break spaces,
// and word joiners between Chinese characters (which may otherwise break
// anywhere).
QString unbroken(const QString& s)
{
    QString t = s;
    t.replace(' ', QChar(0x00A0));
    QString out;
    for (qsizetype i = 0; i < t.size(); ++i) {
        if (i > 0 && (t.at(i).unicode() >= 0x2E80 || t.at(i - 1).unicode() >= 0x2E80))
            out += QChar(0x2060);
        out += t.at(i);
    }
    return out;
}

// "NumPy seed 42, timm, iteration 7: cutmix"
QString replayLine(const StudioModel& m)
{
    return QCoreApplication::translate("readout", "NumPy seed %1, %2, iteration %3: %4")
        .arg(m.replay().settings.seed)
        .arg(QString::fromStdString(std::string(m.replay().settings.recipe->name)))
        .arg(m.replay().iteration)
        .arg(QString::fromStdString(std::string(m.replayStep().method ? m.replayStep().method->family : "none")));
}

// The classes no source names (K above the named ones) share what smoothing
// gives them: "4 others" and "6.7 %", so that the shown weights sum to 100 %.
// Empty when every class is named.
std::pair<QString, QString> othersText(const NamedSources& names, const std::vector<double>& label)
{
    const int others = names.numClasses - int(names.classes.size());
    if (others <= 0)
        return {};
    double rest = 0.0;
    for (std::size_t k = names.classes.size(); k < label.size(); ++k)
        rest += label[k];
    return {QString("%1 %2").arg(others).arg(others == 1 ? "other" : "others"), pct(rest)};
}

} // namespace

bool alphaMatters(const Method& m)
{
    return m.drawn == Drawn::BetaLam && !(m.region == Region::Box && m.box.drawsCut);
}

QString summaryLine(const StudioModel& m)
{
    const Draw& d = m.draw();
    const Method& method = *d.params.method;
    QStringList what;
    const bool replaying = m.replay().active;
    if (replaying)
        what << unbroken(replayLine(m));
    if (replaying && !m.replayStep().method) {
        // Nothing to describe: the batch was used as it was.
    } else {
        for (const std::string& part : summaryParts(d, translatedContext()))
            what << unbroken(QString::fromStdString(part));
    }
    const NamedSources names = m.names();
    const std::vector<double> label = m.softLabel();
    QStringList weights;
    for (std::size_t k = 0; k < names.classes.size(); ++k)
        weights << unbroken(QString::fromStdString(names.classes[k]) + " " + pct(label[k]));
    if (const auto [others, share] = othersText(names, label); !others.isEmpty())
        weights << unbroken(others + " " + share);
    QString text = what.join("   ") + "   ·   " + weights.join(" / ");
    // The library's surprise, in short (its first clause): the whole line is
    // in the Numbers.
    if (!replaying && method.quirkApplies && method.quirkApplies(d.geometry)) {
        const QString q = QString::fromStdString(fillTemplate(method.quirk, formulaValues(d)));
        const qsizetype clause = q.indexOf(':');
        text += "   ⚠ " + (clause > 0 ? q.left(clause) : q) + " (see Numbers)";
    }
    if (m.selfMix())
        text += "   " + unbroken(QCoreApplication::translate("readout", "⚠ A and B are the same image"));
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
    // α only where the method draws with it (not Cutout's position, Mosaic's centre).
    if (method.takes(Setting::Alpha))
        lines << QString("α = %1%2")
                     .arg(d.params.alpha, 0, 'f', 2)
                     .arg(m.hold() ? QCoreApplication::translate("readout", " (held)") : "");
    for (const ShownNumber& n : method.numbers) {
        // "λ_adj" as λ<sub>adj</sub>.
        QString symbol = QString::fromUtf8(n.symbol.data(), int(n.symbol.size())).toHtmlEscaped();
        const int sub = int(symbol.indexOf('_'));
        if (sub >= 0)
            symbol = symbol.left(sub) + "<sub>" + symbol.mid(sub + 1) + "</sub>";
        lines << QString("%1 = %2").arg(symbol, QString::fromStdString(formatFixed(n.value(d), 4)));
    }
    lines << "";
    const NamedSources names = m.names();
    const std::vector<double> label = m.softLabel();
    for (std::size_t k = 0; k < names.classes.size(); ++k)
        lines << QString("%1 <b>%2</b>")
                     .arg(QString::fromStdString(names.classes[k]).toHtmlEscaped(), pct(label[k]).toHtmlEscaped());
    if (const auto [others, share] = othersText(names, label); !others.isEmpty())
        lines << QString("%1 <b>%2</b>").arg(others.toHtmlEscaped(), share.toHtmlEscaped());
    return lines;
}

QStringList formulaLines(const StudioModel& m)
{
    if (!m.hasPair())
        return {QCoreApplication::translate("readout", "Open two images to see a draw.")};
    DescribeContext context = translatedContext();
    context.selfMix = m.selfMix();
    QStringList lines;
    if (m.replay().active) {
        lines << replayLine(m);
        if (!m.replayStep().method)
            return lines << QCoreApplication::translate(
                                "readout",
                                "the recipe does not mix in this iteration: the images are used as they are,")
                         << QCoreApplication::translate("readout", "weight of A = 1");
    }
    for (const std::string& line : cutmix::formulaLines(m.draw(), context))
        lines << QString::fromStdString(line);
    return lines;
}

} // namespace cutmix::ui
