// Entry point of cutmix-studio, the CutMix Studio window.
#include "auditmodel.h"
#include "auditwindow.h"
#include "batchmodel.h"
#include "batchwindow.h"
#include "language.h"
#include "mainwindow.h"
#include "presentation.h"
#include "sheetfile.h"
#include "studiomodel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QPainter>
#include <QTimer>
#include <iostream>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName("CutMixStudio");
    QApplication::setApplicationName("cutmix-studio");
    QApplication::setApplicationDisplayName("CutMix Studio");
    QApplication::setApplicationVersion(CUTMIX_VERSION);
    QApplication::setDesktopFileName("cutmix-studio");

    QCommandLineParser parser;
    parser.setApplicationDescription("CutMix Studio: see what CutMix does to a pair of images.");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("A", "The base image (default: the bundled cat).", "[A]");
    parser.addPositionalArgument("B", "The image the patch comes from (default: the bundled coffee cup).", "[B]");
    parser.addPositionalArgument("C", "More sources, for multi-source CutMix.", "[C ...]");
    const QCommandLineOption screenshot("screenshot", "Render the window to an image file and exit.", "file");
    const QCommandLineOption preset("preset", "Start with the parameters and seed of a preset.", "file");
    const QCommandLineOption fresh("no-settings", "Neither restore nor save settings.");
    const QCommandLineOption sources("show-sources", "Start with the map of where pixels come from shown.");
    const QCommandLineOption masks("show-masks", "Start with the images' label masks shown (masks/<name>.png "
                                                 "beside each image).");
    const QCommandLineOption present("present", "Start in presentation mode (full screen; Esc leaves).");
    const QCommandLineOption audit("audit", "Open the audit view on a batch dump folder.", "dir");
    const QCommandLineOption watch(
        "watch",
        "Open the audit view on a training run's dumps (python/cutmix_dump.py Recorder): each new one audited.", "dir");
    const QCommandLineOption batch("batch",
                                   "Open the batch view; the images given are the batch's (default: the demo batch).");
    const QCommandLineOption lesson("lesson", "Start the guided lesson (Help > Lesson).");
    const QCommandLineOption lang(
        "lang", "The window's language: en or zh_CN (default: View > Language, else the system's).", "name");
    parser.addOptions({screenshot, preset, fresh, sources, masks, batch, audit, watch, present, lesson, lang});
    parser.process(app);
    if (parser.isSet(lang) && !cutmix::ui::availableLanguages().contains(parser.value(lang))) {
        std::cerr << "cutmix-studio: --lang " << parser.value(lang).toStdString() << ": not one of "
                  << cutmix::ui::availableLanguages().join(", ").toStdString() << '\n';
        return 2;
    }
    cutmix::ui::installLanguage(parser.isSet(lang)                                ? parser.value(lang)
                                : parser.isSet(fresh) || parser.isSet(screenshot) ? QString()
                                                                                  : cutmix::ui::savedLanguage());

    const QStringList pos = parser.positionalArguments();
    cutmix::ui::MainWindow::Options options;
    options.useSettings = !parser.isSet(fresh) && !parser.isSet(screenshot);
    cutmix::ui::MainWindow window(options);
    QWidget* shown = &window; // what --screenshot grabs
    cutmix::ui::BatchWindow* batchView = nullptr;
    if (parser.isSet(audit) || parser.isSet(watch)) {
        window.openInitialPair(QString(), QString());
        cutmix::ui::AuditWindow* a = window.auditWindow();
        if (parser.isSet(watch)) {
            if (!a->watch(parser.value(watch))) {
                std::cerr << "cutmix-studio: " << parser.value(watch).toStdString() << ": not a folder to watch\n";
                return 2;
            }
        } else {
            a->model()->open(parser.value(audit));
        }
        shown = a;
    } else if (parser.isSet(batch)) {
        window.openInitialPair(QString(), QString());
        batchView = window.batchWindow();
        shown = batchView;
        if (!pos.isEmpty())
            batchView->model()->loadFiles(pos);
    } else if (pos.size() > 2) {
        // Every source at once (a preset may then choose Mosaic for four).
        if (!window.model()->loadSources(pos))
            window.openInitialPair(QString(), QString());
    } else {
        window.openInitialPair(pos.value(0), pos.value(1));
    }
    if (parser.isSet(preset))
        window.model()->loadPreset(parser.value(preset));
    if (parser.isSet(sources))
        window.setSourcesShown(true);
    if (parser.isSet(masks))
        window.setMasksShown(true);
    window.show();
    if (parser.isSet(lesson))
        window.startLesson();
    if (parser.isSet(present)) {
        window.presentationAction()->trigger();
        shown = window.presentation();
    }
    if (shown != &window)
        shown->show();

    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        // Let the layout settle (docks, charts) before grabbing.
        QTimer::singleShot(600, &window, [&] {
            // In device pixels (a PDF page as large as the PNG would be).
            QImage image = shown->grab().toImage();
            image.setDevicePixelRatio(1.0);
            try {
                cutmix::render::writeSheet(file.toStdString(), image, [&](QPainter& p) { p.drawImage(0, 0, image); });
            } catch (const std::exception& e) {
                std::cerr << "cutmix-studio: " << e.what() << '\n';
                QApplication::exit(1);
                return;
            }
            std::cerr << "wrote " << QDir::toNativeSeparators(file).toStdString() << '\n';
            QApplication::exit(0);
        });
    }
    return QApplication::exec();
}
