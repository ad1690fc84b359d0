#include "exportdialogs.h"

#include "error.h"
#include "exporter.h"
#include "grid.h"
#include "studiomodel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>

namespace cutmix::ui
{

namespace
{

// Runs `work` on a pool thread while a progress dialog shows `done/total`;
// Cancel sets `cancel`. Returns the error message, empty on success.
QString runWithProgress(QWidget* parent, const QString& label, std::atomic<int>& done, std::atomic<int>& total,
                        std::atomic<bool>& cancel, const std::function<void()>& work)
{
    QProgressDialog dialog(label, "Cancel", 0, 100, parent);
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(0);
    QString error;
    QFuture<void> future = QtConcurrent::run([&] {
        try {
            work();
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
    });
    QTimer timer;
    QObject::connect(&timer, &QTimer::timeout, &dialog, [&] {
        if (total > 0) {
            dialog.setMaximum(total);
            dialog.setValue(std::min(done.load(), total.load() - 1));
        }
        if (future.isFinished())
            dialog.reset();
    });
    QObject::connect(&dialog, &QProgressDialog::canceled, &dialog, [&] { cancel = true; });
    timer.start(50);
    while (!future.isFinished())
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    future.waitForFinished();
    return error;
}

} // namespace

GridDialog::GridDialog(StudioModel* model, QWidget* parent) : QDialog(parent), model_(model)
{
    setWindowTitle("Export sample grid");
    rows_ = new QSpinBox;
    rows_->setRange(1, 100);
    rows_->setValue(3);
    cols_ = new QSpinBox;
    cols_->setRange(1, 100);
    cols_->setValue(4);
    tile_ = new QSpinBox;
    tile_->setRange(16, 4096);
    tile_->setValue(256);
    tile_->setSuffix(" px");
    sides_ = new QCheckBox("Show A and B beside each result");
    title_ = new QCheckBox("Title with the parameters and seed");
    title_->setChecked(true);
    preview_ = new QLabel;
    preview_->setMinimumSize(480, 280);
    preview_->setAlignment(Qt::AlignCenter);
    preview_->setFrameShape(QFrame::StyledPanel);
    info_ = new QLabel;
    info_->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow("Rows", rows_);
    form->addRow("Columns", cols_);
    form->addRow("Tile size", tile_);
    form->addRow(sides_);
    form->addRow(title_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    QPushButton* exportButton = buttons->addButton("Export...", QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, "Save the grid", "cutmix-grid.png",
                                                          "PNG (*.png);;JPEG (*.jpg);;PDF for print (*.pdf)");
        if (!path.isEmpty() && exportTo(path))
            accept();
    });
    auto* layout = new QHBoxLayout(this);
    auto* left = new QVBoxLayout;
    left->addLayout(form);
    left->addWidget(info_);
    left->addStretch(1);
    left->addWidget(buttons);
    layout->addLayout(left);
    layout->addWidget(preview_, 1);
    for (QSpinBox* s : {rows_, cols_, tile_})
        connect(s, &QSpinBox::valueChanged, this, &GridDialog::updatePreview);
    for (QCheckBox* c : {sides_, title_})
        connect(c, &QCheckBox::toggled, this, &GridDialog::updatePreview);
    updatePreview();
}

GridOptions GridDialog::options() const
{
    GridOptions o;
    o.rows = rows_->value();
    o.cols = cols_->value();
    o.tile = tile_->value();
    o.sides = sides_->isChecked();
    o.title = title_->isChecked();
    o.params = model_->params();
    return o;
}

namespace
{

GridInput inputOf(const StudioModel& m)
{
    GridInput in;
    in.pathA = m.pathA().toStdString();
    in.pathB = m.pathB().toStdString();
    in.labelA = m.labelA().toStdString();
    in.labelB = m.labelB().toStdString();
    in.imageA = m.imageA();
    in.imageB = m.imageB();
    return in;
}

} // namespace

QImage GridDialog::preview() const
{
    return preview_->pixmap().toImage();
}

void GridDialog::updatePreview()
{
    // The preview: the same sheet with small tiles and at most 4 x 4 of them.
    GridOptions o = options();
    const int fullW = o.tile, tiles = o.rows * o.cols;
    o.rows = std::min(o.rows, 4);
    o.cols = std::min(o.cols, 4);
    o.tile = std::min(o.tile, 256); // real proportions of text to image, shrunk to fit below
    try {
        const GridResult g = renderGrid(o, inputOf(*model_));
        preview_->setPixmap(
            QPixmap::fromImage(g.image).scaled(preview_->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
        info_->setText(QString("%1 tiles of %2 px, samples %3 to %4 of seed %5%6")
                           .arg(tiles)
                           .arg(fullW)
                           .arg(o.params.index)
                           .arg(o.params.index + tiles - 1)
                           .arg(o.params.seed)
                           .arg(tiles > 16 ? " (preview shows the first 4 x 4)" : ""));
    } catch (const std::exception& e) {
        preview_->setText(QString::fromStdString(e.what()));
    }
}

bool GridDialog::exportTo(const QString& path)
{
    std::atomic<int> done{0}, total{0};
    std::atomic<bool> cancel{false};
    const GridOptions o = options();
    const GridInput in = inputOf(*model_);
    bool cancelled = false;
    const QString error = runWithProgress(this, "Rendering the grid...", done, total, cancel, [&] {
        const GridResult g = renderGrid(o, in, [&](int d, int t) {
            done = d;
            total = t;
            return !cancel.load();
        });
        cancelled = g.cancelled;
        if (!cancelled)
            writeGrid(path.toStdString(), g);
    });
    if (!error.isEmpty())
        QMessageBox::warning(this, "Export grid", error);
    return error.isEmpty() && !cancelled;
}

ExportDialog::ExportDialog(StudioModel* model, QWidget* parent) : QDialog(parent), model_(model)
{
    setWindowTitle("Export a dataset");
    input_ = new QLineEdit;
    input_->setPlaceholderText("folder with one subfolder per class, or a CSV list");
    output_ = new QLineEdit;
    output_->setPlaceholderText("an empty folder (or a previous run to finish)");
    auto browse = [this](QLineEdit* edit, bool folderOnly) {
        auto* b = new QPushButton("Browse...");
        connect(b, &QPushButton::clicked, this, [this, edit, folderOnly] {
            const QString p = folderOnly ? QFileDialog::getExistingDirectory(this, "Choose a folder")
                                         : QFileDialog::getExistingDirectory(this, "Choose the dataset folder");
            if (!p.isEmpty())
                edit->setText(p);
        });
        auto* row = new QHBoxLayout;
        row->addWidget(edit, 1);
        row->addWidget(b);
        return row;
    };
    count_ = new QSpinBox;
    count_->setRange(1, 100'000'000);
    count_->setValue(1000);
    width_ = new QSpinBox;
    height_ = new QSpinBox;
    for (QSpinBox* s : {width_, height_}) {
        s->setRange(0, 16384);
        s->setSpecialValueText("A's size");
    }
    format_ = new QComboBox;
    format_->addItems({"jpg", "png", "webp"});
    pairs_ = new QComboBox;
    pairs_->addItems({"random", "epoch"});
    auto* form = new QFormLayout;
    form->addRow("Dataset", browse(input_, false));
    form->addRow("Output folder", browse(output_, true));
    form->addRow("Samples", count_);
    auto* size = new QHBoxLayout;
    size->addWidget(width_);
    size->addWidget(new QLabel("×"));
    size->addWidget(height_);
    form->addRow("Size", size);
    form->addRow("Format", format_);
    form->addRow("Pairing", pairs_);
    form->addRow(new QLabel("Uses the window's parameters and seed; the output folder gets images/, "
                            "manifest.jsonl, labels.csv, classes.txt and run.json (for cutmix export --config)."));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    QPushButton* start = buttons->addButton("Export", QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(start, &QPushButton::clicked, this, [this] {
        if (run())
            accept();
    });
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

bool ExportDialog::run()
{
    ExportConfig c;
    c.input = input_->text().toStdString();
    c.output = output_->text().toStdString();
    c.count = static_cast<std::uint64_t>(count_->value());
    if (width_->value() > 0 && height_->value() > 0)
        c.size = Size{width_->value(), height_->value()};
    c.format = format_->currentText().toStdString();
    c.pairs = parsePairMode(pairs_->currentText().toStdString());
    c.params = model_->params();
    std::atomic<int> done{0}, total{0};
    std::atomic<bool> cancel{false};
    ExportSummary summary;
    const QString error = runWithProgress(this, "Exporting...", done, total, cancel, [&] {
        summary = runExport(
            c,
            [&](const ExportProgress& p) {
                done = int(p.done);
                total = int(p.total);
            },
            &cancel);
    });
    if (!error.isEmpty()) {
        QMessageBox::warning(this, "Export", error);
        return false;
    }
    const auto& p = summary.progress;
    QMessageBox::information(this, "Export",
                             QString("%1 %2 of %3 samples: %4 written, %5 skipped, %6 s.%7")
                                 .arg(summary.cancelled ? "Stopped after" : "Done:")
                                 .arg(p.done)
                                 .arg(p.total)
                                 .arg(p.written)
                                 .arg(p.skipped)
                                 .arg(p.seconds, 0, 'f', 1)
                                 .arg(summary.cancelled ? " Export again into the same folder to finish." : ""));
    return !summary.cancelled;
}

} // namespace cutmix::ui
