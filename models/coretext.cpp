#include "coretext.h"

#include <QCoreApplication>

namespace cutmix::ui
{

QString coreText(std::string_view s)
{
    const QByteArray utf8(s.data(), qsizetype(s.size()));
    return QCoreApplication::translate("core", utf8.constData());
}

DescribeContext translatedContext()
{
    DescribeContext c;
    c.translate = [](std::string_view s) { return coreText(s).toStdString(); };
    return c;
}

} // namespace cutmix::ui
