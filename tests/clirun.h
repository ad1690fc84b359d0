// Running the `cutmix` executable from a test (CUTMIX_CLI, the one CTest
// built): one helper for every suite, with standard input, extra environment
// variables, and the exit code, standard output and standard error of the run.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <utility>
#include <vector>

namespace cutmix
{

struct CliRun {
    int code = -1; // the exit code; -1 when the process crashed or did not finish
    bool crashed = false;
    QString out;
    QString err;
};

struct CliOptions {
    QByteArray input;                             // written to standard input
    std::vector<std::pair<QString, QString>> env; // set for the run
    int timeoutMs = 600000;
};

inline CliRun runCli(const QStringList& args, const CliOptions& o = {})
{
    QProcess p;
    if (!o.env.empty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const auto& [name, value] : o.env)
            env.insert(name, value);
        p.setProcessEnvironment(env);
    }
    p.start(QStringLiteral(CUTMIX_CLI), args);
    if (!o.input.isEmpty())
        p.write(o.input);
    p.closeWriteChannel();
    const bool finished = p.waitForFinished(o.timeoutMs);
    CliRun r;
    r.crashed = !finished || p.exitStatus() != QProcess::NormalExit;
    r.code = r.crashed ? -1 : p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace cutmix
