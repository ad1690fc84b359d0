#include "exportdialogs.h"

#include "constants.h"
#include "coretext.h"
#include "errorreport.h"
#include "exporter.h"
#include "gridsheet.h"
#include "lastfolder.h"
#include "method.h"
#include "studiomodel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
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
    QProgressDialog dialog(label, QCoreApplication::translate("ExportDialogs", "Cancel"), 0, 100, parent);
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(0);
    QString error;
    QFuture<void> future = QtConcurrent::run([&] { error = runReportingErrors(work); });
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

// A message that does not block (tests and the window carry on), parented so
// that it outlives the dialog that reports it.
void showMessage(QWidget* dialog, QMessageBox::Icon icon, const QString& title, const QString& text,
                 const char* objectName)
{
    QWidget* parent = dialog->parentWidget() ? dialog->parentWidget() : dialog;
    auto* box = new QMessageBox(icon, title, text, QMessageBox::Ok, parent);
    box->setObjectName(objectName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace

ObjectInput windowObjects(const StudioModel& m, int sources)
{
    ObjectInput in;
    if (!m.hasObjects() || sources > m.sourceCount())
        return in;
    in.objects.emplace();
    for (int k = 0; k < sources; ++k) {
        in.objects->push_back(m.sourceObjects(k));
        in.segments = in.segments || m.objectsHaveSegments(k);
    }
    in.rule = &m.keepRule();
    in.keep = m.keepValues();
    return in;
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
    // The pair's objects as the window shows them, carried through every
    // tile by the window's rule: the sheet `cutmix grid --boxes` draws.
    if (m.hasPair() && m.params().method->objectViews)
        static_cast<ObjectInput&>(in) = windowObjects(m, 2);
    return in;
}

} // namespace

GridDialog::GridDialog(StudioModel* model, QWidget* parent) : QDialog(parent), model_(model)
{
    setWindowTitle(tr("Export sample grid"));
    rows_ = new QSpinBox;
    rows_->setObjectName("rows");
    rows_->setRange(1, 100);
    rows_->setValue(3);
    cols_ = new QSpinBox;
    cols_->setObjectName("cols");
    cols_->setRange(1, 100);
    cols_->setValue(4);
    tile_ = new QSpinBox;
    tile_->setObjectName("tile");
    tile_->setRange(16, 4096);
    tile_->setValue(256);
    tile_->setSuffix(tr(" px"));
    sides_ = new QCheckBox(tr("Show A and B beside each result"));
    title_ = new QCheckBox(tr("Title with the parameters and seed"));
    title_->setChecked(true);
    preview_ = new QLabel;
    preview_->setMinimumSize(480, 280);
    preview_->setAlignment(Qt::AlignCenter);
    preview_->setFrameShape(QFrame::StyledPanel);
    info_ = new QLabel;
    info_->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Rows"), rows_);
    form->addRow(tr("Columns"), cols_);
    form->addRow(tr("Tile size"), tile_);
    form->addRow(sides_);
    form->addRow(title_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    QPushButton* exportButton = buttons->addButton(tr("Export..."), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path =
            rememberFolder(QFileDialog::getSaveFileName(this, tr("Save the grid"), inLastFolder("cutmix-grid.png"),
                                                        tr("PNG (*.png);;JPEG (*.jpg);;PDF for print (*.pdf)")));
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
    connect(&watcher_, &QFutureWatcher<QImage>::finished, this, &GridDialog::showPreview);
    updatePreview();
}

GridDialog::~GridDialog()
{
    watcher_.waitForFinished();
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

void GridDialog::updatePreview()
{
    if (watcher_.isRunning()) {
        previewStale_ = true;
        return;
    }
    previewStale_ = false;
    // The preview: the same sheet with small tiles and at most 4 x 4 of them,
    // rendered on a pool thread so that the dialog never stalls.
    GridOptions o = options();
    const int tiles = o.rows * o.cols;
    o.rows = std::min(o.rows, 4);
    o.cols = std::min(o.cols, 4);
    o.tile = std::min(o.tile, 256); // real proportions of text to image, shrunk to fit below
    info_->setText(tr("%1 tiles of %2 px, samples %3 to %4 of seed %5%6")
                       .arg(tiles)
                       .arg(tile_->value())
                       .arg(o.params.index)
                       .arg(o.params.index + tiles - 1)
                       .arg(o.params.seed)
                       .arg(tiles > 16 ? tr(" (preview shows the first 4 x 4)") : ""));
    const GridInput in = inputOf(*model_);
    watcher_.setFuture(QtConcurrent::run([this, o, in] {
        QImage image;
        previewError_ = runReportingErrors([&] { image = render::renderGrid(planGrid(o, in)).image; });
        return image;
    }));
}

void GridDialog::showPreview()
{
    previewImage_ = watcher_.result();
    if (previewImage_.isNull())
        preview_->setText(previewError_);
    else
        preview_->setPixmap(
            QPixmap::fromImage(previewImage_).scaled(preview_->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
    if (previewStale_)
        updatePreview();
    else
        emit previewUpdated();
}

bool GridDialog::exportTo(const QString& path)
{
    std::atomic<int> done{0}, total{0};
    std::atomic<bool> cancel{false};
    const GridOptions o = options();
    const GridInput in = inputOf(*model_);
    bool cancelled = false;
    const QString error = runWithProgress(this, tr("Rendering the grid..."), done, total, cancel, [&] {
        GridPlan plan = planGrid(o, in, [&](int d, int t) {
            done = d;
            total = t;
            return !cancel.load();
        });
        cancelled = plan.cancelled;
        if (!cancelled)
            render::writeGrid(path.toStdString(), render::renderGrid(std::move(plan)));
    });
    if (!error.isEmpty())
        showMessage(this, QMessageBox::Warning, tr("Export grid"), error, "exportError");
    return error.isEmpty() && !cancelled;
}

ExportDialog::ExportDialog(StudioModel* model, QWidget* parent) : QDialog(parent), model_(model)
{
    setWindowTitle(tr("Export a dataset"));
    input_ = new QLineEdit;
    input_->setObjectName("input");
    input_->setPlaceholderText(tr("folder with one subfolder per class, or a CSV/TSV list"));
    output_ = new QLineEdit;
    output_->setObjectName("output");
    output_->setPlaceholderText(tr("an empty folder (or a previous run to finish)"));
    // Each field says what to choose: wide enough for its hint whole.
    for (QLineEdit* field : {input_, output_}) {
        const QFontMetrics fm = field->fontMetrics();
        const int frame = field->sizeHint().width() - fm.horizontalAdvance(QLatin1Char('x')) * 17;
        field->setMinimumWidth(fm.horizontalAdvance(field->placeholderText()) + std::max(frame, 12) + 4);
        field->setToolTip(field->placeholderText());
    }
    inputFolder_ = new QPushButton(tr("Folder..."));
    inputFolder_->setObjectName("input_folder");
    inputFolder_->setToolTip(tr("A folder with one subfolder of images per class"));
    inputList_ = new QPushButton(tr("List..."));
    inputList_->setObjectName("input_list");
    inputList_->setToolTip(tr("A CSV or TSV file of path,label lines"));
    auto* outputBrowse = new QPushButton(tr("Folder..."));
    connect(inputFolder_, &QPushButton::clicked, this, [this] {
        const QString p = chooseFile(tr("Choose the dataset folder"), true, QString());
        if (!p.isEmpty())
            input_->setText(p);
    });
    connect(inputList_, &QPushButton::clicked, this, [this] {
        const QString p =
            chooseFile(tr("Choose a list of images"), false, tr("Lists (*.csv *.tsv *.txt);;All files (*)"));
        if (!p.isEmpty())
            input_->setText(p);
    });
    connect(outputBrowse, &QPushButton::clicked, this, [this] {
        const QString p = chooseFile(tr("Choose the output folder"), true, QString());
        if (!p.isEmpty())
            output_->setText(p);
    });
    auto* inputRow = new QHBoxLayout;
    inputRow->addWidget(input_, 1);
    inputRow->addWidget(inputFolder_);
    inputRow->addWidget(inputList_);
    auto* outputRow = new QHBoxLayout;
    outputRow->addWidget(output_, 1);
    outputRow->addWidget(outputBrowse);
    count_ = new QSpinBox;
    count_->setObjectName("count");
    count_->setRange(1, 100'000'000);
    count_->setValue(1000);
    width_ = new QSpinBox;
    width_->setObjectName("width");
    height_ = new QSpinBox;
    height_->setObjectName("height");
    for (QSpinBox* s : {width_, height_}) {
        s->setRange(0, 16384);
        s->setSpecialValueText(tr("A's size"));
    }
    format_ = new QComboBox;
    format_->addItems({"jpg", "png", "webp"});
    pairs_ = new QComboBox;
    pairs_->addItems({"random", "epoch"});
    layout_ = new QComboBox;
    layout_->setObjectName("layout");
    layout_->addItem(tr("Image files (images/000123.jpg)"), "files");
    layout_->addItem(tr("WebDataset tar shards (shards/000000.tar)"), "webdataset");
    layout_->setToolTip(tr("WebDataset: tar shards of a number of samples each, every sample as its image, "
                           "its draw record (.json) and A's class (.cls)"));
    shardSamples_ = new QSpinBox;
    shardSamples_->setObjectName("shard_samples");
    shardSamples_->setRange(1, 100'000'000);
    shardSamples_->setValue(1000);
    shardSamples_->setSuffix(tr(" samples per shard"));
    shardSamples_->setEnabled(false);
    connect(layout_, &QComboBox::currentIndexChanged, this,
            [this] { shardSamples_->setEnabled(layout_->currentData().toString() == "webdataset"); });
    force_ = new QCheckBox(tr("Export into a non-empty folder (its files are kept)"));
    force_->setObjectName("force");
    // What the samples are for: a detection or segmentation export carries
    // each sample's objects (and masks) with the window's box rule (and
    // instance masks setting), as `cutmix export --task detect|segment
    // --box-rule ... [--instances]` does.
    task_ = new QComboBox;
    task_->setObjectName("task");
    task_->addItem(tr("Classification: a soft label per sample"), QString::fromUtf8(taskName(ExportTask::Classify)));
    task_->addItem(tr("Detection: images/ and labels/ (YOLO), or COCO"),
                   QString::fromUtf8(taskName(ExportTask::Detect)));
    task_->addItem(tr("Segmentation: detection and masks/"), QString::fromUtf8(taskName(ExportTask::Segment)));
    boxFormat_ = new QComboBox;
    boxFormat_->setObjectName("box_format");
    boxFormat_->addItem(tr("YOLO (labels/*.txt, data.yaml)"), QString::fromUtf8(boxFormatName(BoxFormat::Yolo)));
    boxFormat_->addItem(tr("COCO (annotations.json)"), QString::fromUtf8(boxFormatName(BoxFormat::Coco)));
    annotations_ = new QLineEdit;
    annotations_->setObjectName("annotations");
    annotations_->setPlaceholderText(tr("empty: labels/ beside images/"));
    annotations_->setToolTip(tr("A COCO annotations file for the dataset's images (optional)"));
    annotationsBrowse_ = new QPushButton(tr("File..."));
    annotationsBrowse_->setObjectName("annotations_file");
    connect(annotationsBrowse_, &QPushButton::clicked, this, [this] {
        const QString p = chooseFile(tr("Choose the COCO annotations"), false, tr("COCO (*.json);;All files (*)"));
        if (!p.isEmpty())
            annotations_->setText(p);
    });
    auto syncTask = [this] {
        const bool objects = carriesObjects(parseTask(task_->currentData().toString().toStdString()));
        boxFormat_->setEnabled(objects);
        annotations_->setEnabled(objects);
        annotationsBrowse_->setEnabled(objects);
        inputList_->setEnabled(!objects); // a detection dataset is a folder
        if (form_) {
            form_->setRowVisible(annotationsRow_, objects);
            form_->setRowVisible(boxFormat_, objects);
        }
        input_->setPlaceholderText(objects ? tr("folder with images/ and labels/ (YOLO)")
                                           : tr("folder with one subfolder per class, or a CSV/TSV list"));
    };
    connect(task_, &QComboBox::currentIndexChanged, this, syncTask);
    auto* form = new QFormLayout;
    form->addRow(tr("Task"), task_);
    form->addRow(tr("Dataset"), inputRow);
    annotationsRow_ = new QHBoxLayout;
    annotationsRow_->addWidget(annotations_, 1);
    annotationsRow_->addWidget(annotationsBrowse_);
    form->addRow(tr("Annotations"), annotationsRow_);
    form->addRow(tr("Boxes written as"), boxFormat_);
    form->addRow(tr("Output folder"), outputRow);
    form->addRow(force_);
    form->addRow(tr("Samples"), count_);
    auto* size = new QHBoxLayout;
    size->addWidget(width_);
    size->addWidget(new QLabel("×"));
    size->addWidget(height_);
    form->addRow(tr("Size"), size);
    form->addRow(tr("Format"), format_);
    form->addRow(tr("Pairing"), pairs_);
    form->addRow(tr("Layout"), layout_);
    form->addRow(tr("Shards"), shardSamples_);
    // One line (at scale 2 on a 1080p screen the dialog has no room for
    // more); the files written are in its tooltip.
    auto* note = new QLabel(tr("Uses the window's parameters, seed and box rule (hover for the files written)."));
    note->setToolTip(tr("The output folder gets images/ (or shards/), manifest.jsonl, labels.csv, classes.txt and "
                        "run.json (for cutmix export --config); a detection export adds labels/ and data.yaml (or "
                        "annotations.json), a segmentation export masks/ (instance masks when File > Masks are "
                        "instance masks is on)."));
    note->setWordWrap(true);
    form->addRow(note);
    form_ = form;
    syncTask(); // the box rows shown for a detection export only
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    QPushButton* start = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(start, &QPushButton::clicked, this, [this] {
        if (run())
            accept();
    });
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QString ExportDialog::chooseFile(const QString& title, bool folder, const QString& filter)
{
    QFileDialog dialog(this, title, lastFolder());
    dialog.setObjectName("chooseFileDialog");
    dialog.setFileMode(folder ? QFileDialog::Directory : QFileDialog::ExistingFile);
    if (folder)
        dialog.setOption(QFileDialog::ShowDirsOnly);
    else
        dialog.setNameFilter(filter);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    return rememberFolder(dialog.selectedFiles().first());
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
    c.layout = parseLayout(layout_->currentData().toString().toStdString());
    c.shardSamples = static_cast<std::uint64_t>(shardSamples_->value());
    c.params = model_->params();
    c.force = force_->isChecked();
    c.task = parseTask(task_->currentData().toString().toStdString());
    if (carriesObjects(c.task)) {
        c.annotations = annotations_->text().toStdString();
        c.boxFormat = parseBoxFormat(boxFormat_->currentData().toString().toStdString());
        c.boxRule = &model_->keepRule();
        c.keep = model_->keepValues();
    }
    // The window's File > Masks are instance masks, as `cutmix export
    // --instances` (for a segmentation export only, as the command line).
    c.instances = c.task == ExportTask::Segment && model_->masksAreInstances();
    std::atomic<int> done{0}, total{0};
    std::atomic<bool> cancel{false};
    ExportSummary summary;
    ExportControl control;
    control.progress = [&](const ExportProgress& p) {
        done = int(p.done);
        total = int(p.total);
    };
    control.cancel = &cancel;
    lastError_ =
        runWithProgress(this, tr("Exporting..."), done, total, cancel, [&] { summary = runExport(c, control); });
    if (!lastError_.isEmpty()) {
        showMessage(this, QMessageBox::Warning, tr("Export"), lastError_, "exportError");
        return false;
    }
    const auto& p = summary.progress;
    QString text = tr("%1 %2 of %3 samples: %4 written, %5 drew an input again, %6 s.")
                       .arg(summary.cancelled ? tr("Stopped after") : tr("Done:"))
                       .arg(p.done)
                       .arg(p.total)
                       .arg(p.written)
                       .arg(p.redrawn)
                       .arg(p.seconds, 0, 'f', 1);
    if (!summary.problems.empty())
        text += tr("\n%n unreadable file(s), for example %1", nullptr, int(summary.problems.size()))
                    .arg(QString::fromStdString(summary.problems.front()));
    if (summary.cancelled)
        text += tr("\nExport again into the same folder to finish.");
    showMessage(this, QMessageBox::Information, tr("Export"), text, "exportSummary");
    return !summary.cancelled;
}

// ---- animation

AnimationDialog::AnimationDialog(StudioModel* model, QWidget* parent) : QDialog(parent), model_(model)
{
    setWindowTitle(tr("Export animation"));
    sweep_ = new QComboBox;
    sweep_->setObjectName("sweep");
    sweep_->addItem(tr("α, the draw held (log-spaced)"), int(Sweep::Alpha));
    sweep_->addItem(tr("a run of draws"), int(Sweep::Draws));
    sweep_->addItem(tr("λ itself"), int(Sweep::Lam));
    from_ = new QDoubleSpinBox;
    from_->setObjectName("from");
    to_ = new QDoubleSpinBox;
    to_->setObjectName("to");
    for (QDoubleSpinBox* b : {from_, to_}) {
        b->setDecimals(3);
        b->setKeyboardTracking(false);
    }
    frames_ = new QSpinBox;
    frames_->setObjectName("frames");
    frames_->setRange(1, 10000);
    frames_->setValue(60);
    fps_ = new QDoubleSpinBox;
    fps_->setRange(0.5, 60);
    fps_->setValue(10);
    fps_->setDecimals(1);
    width_ = new QSpinBox;
    width_->setObjectName("width");
    width_->setRange(0, 8192);
    width_->setSpecialValueText(tr("the image's"));
    width_->setValue(std::min(480, model_->hasPair() ? model_->draw().size.width : 480));
    width_->setSuffix(tr(" px"));
    box_ = new QCheckBox(tr("the box"));
    box_->setChecked(true);
    map_ = new QCheckBox(tr("the map of sources"));
    caption_ = new QCheckBox(tr("the numbers as a caption"));
    caption_->setChecked(true);
    info_ = new QLabel;
    info_->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Sweep"), sweep_);
    form->addRow(tr("From"), from_);
    form->addRow(tr("To"), to_);
    form->addRow(tr("Frames"), frames_);
    form->addRow(tr("Frames per second"), fps_);
    form->addRow(tr("Width"), width_);
    auto* overlays = new QVBoxLayout;
    overlays->addWidget(box_);
    overlays->addWidget(map_);
    overlays->addWidget(caption_);
    form->addRow(tr("Show"), overlays);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    QPushButton* exportButton = buttons->addButton(tr("Export..."), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path =
            rememberFolder(QFileDialog::getSaveFileName(this, tr("Save the animation"), inLastFolder("cutmix.gif"),
                                                        "GIF (*.gif);;Animated WebP (*.webp);;MP4 (*.mp4)"));
        if (!path.isEmpty() && exportTo(path))
            accept();
    });
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(info_);
    layout->addWidget(buttons);
    connect(sweep_, &QComboBox::currentIndexChanged, this, &AnimationDialog::syncSweep);
    for (QDoubleSpinBox* b : {from_, to_, fps_})
        connect(b, &QDoubleSpinBox::valueChanged, this, [this] { syncSweep(); });
    connect(frames_, &QSpinBox::valueChanged, this, [this] { syncSweep(); });
    syncSweep();
    // Mosaic's canvas of four images is no animation of a pair (syncSweep says so).
    exportButton->setEnabled(model_->params().method->mixesPair());
}

void AnimationDialog::syncSweep()
{
    const auto sweep = Sweep(sweep_->currentData().toInt());
    const bool range = sweep != Sweep::Draws;
    from_->setEnabled(range);
    to_->setEnabled(range);
    if (sweep == Sweep::Alpha && from_->maximum() != kAlphaSliderMax) {
        for (QDoubleSpinBox* b : {from_, to_})
            b->setRange(kAlphaInputMin, kAlphaSliderMax);
        from_->setValue(0.1);
        to_->setValue(10.0);
    } else if (sweep == Sweep::Lam && from_->maximum() != 1.0) {
        for (QDoubleSpinBox* b : {from_, to_})
            b->setRange(0.0, 1.0);
        from_->setValue(0.05);
        to_->setValue(0.95);
    }
    info_->setText(tr("%1 frames at %2 per second: %3 s, starting from seed %4, index %5.")
                       .arg(frames_->value())
                       .arg(fps_->value())
                       .arg(frames_->value() / fps_->value(), 0, 'f', 1)
                       .arg(model_->params().seed)
                       .arg(model_->params().index));
    const Method& m = *model_->params().method;
    if (!m.mixesPair())
        info_->setText(tr("%1 mixes %2 images on a canvas of its own: an animation sweeps a pair. Choose another "
                          "method to export one.")
                           .arg(coreText(m.title))
                           .arg(m.images));
}

AnimationSpec AnimationDialog::spec() const
{
    AnimationSpec s;
    s.sweep = Sweep(sweep_->currentData().toInt());
    if (s.sweep != Sweep::Draws) {
        s.from = from_->value();
        s.to = to_->value();
    }
    s.frames = frames_->value();
    s.fps = fps_->value();
    s.width = width_->value();
    s.box = box_->isChecked();
    s.sourceMap = map_->isChecked();
    s.caption = caption_->isChecked();
    return s;
}

bool AnimationDialog::exportTo(const QString& path)
{
    lastError_.clear();
    if (!model_->hasPair()) {
        lastError_ = tr("Open two images first.");
        return false;
    }
    std::atomic<int> done{0}, total{0};
    std::atomic<bool> cancel{false};
    const AnimationSpec s = spec();
    const Params p = model_->params();
    std::vector<cv::Mat> images;
    for (int k = 0; k < model_->sourceCount(); ++k)
        images.push_back(model_->sourceImage(k));
    // The objects the window shows, carried through every frame by its rule
    // (what `cutmix animate --boxes ... --box-rule ...` draws).
    const ObjectInput objects = p.method->objectViews ? windowObjects(*model_, model_->sourceCount()) : ObjectInput{};
    bool finished = false;
    lastError_ = runWithProgress(this, tr("Rendering the animation..."), done, total, cancel, [&] {
        finished = render::writeAnimation(
            path.toStdString(), images, p, s,
            [&](int d, int t) {
                done = d;
                total = t;
                return !cancel.load();
            },
            objects);
    });
    if (!lastError_.isEmpty())
        showMessage(this, QMessageBox::Warning, tr("Export animation"), lastError_, "exportError");
    return lastError_.isEmpty() && finished;
}

} // namespace cutmix::ui
