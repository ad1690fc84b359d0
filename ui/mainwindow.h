// The CutMix Studio main window: image A and B with the box, the pasted
// result, the parameter panel, the Beta plot, the read-out and the label
// chart, all views of one StudioModel.
#pragma once

#include <QMainWindow>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QAction;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
QT_END_NAMESPACE

namespace cutmix::ui
{

class AuditModel;
class SteadyLabelBox;
class AuditWindow;
class BatchModel;
class BatchWindow;
class BetaChart;
class CompareDialog;
class ElidedLabel;
class ImageHeader;
class ImageView;
class LamExplorer;
class Lesson;
class PresentationWindow;
class LabelChart;
class ParamPanel;
class Readout;
class SourcesPanel;
class ObjectsPanel;
class StudioModel;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    struct Options {
        bool useSettings = true; // restore and save QSettings (off in tests)
        QRect screen;            // the available geometry to fit (tests); empty: the window's screen
    };
    explicit MainWindow(Options options, QWidget* parent = nullptr);
    MainWindow() : MainWindow(Options{}) {}
    ~MainWindow() override;

    StudioModel* model() const { return model_; }
    ImageView* resultView() const { return result_; }
    ParamPanel* panel() const { return panel_; }
    BetaChart* betaChart() const { return beta_; }
    LabelChart* labelChart() const { return labelChart_; }
    LamExplorer* explorer() const { return explorer_; }
    Readout* readout() const { return readout_; }
    SourcesPanel* sourcesPanel() const { return sources_; }
    ObjectsPanel* objectsPanel() const { return objects_; }
    QLabel* legend() const { return legend_; }
    QAction* newDrawAction() const { return newDrawAct_; }
    void setSourcesShown(bool shown);
    void setMasksShown(bool shown);
    QString lastError() const { return lastError_; }
    // The batch view (View > Batch view), made on first use with the demo batch.
    BatchWindow* batchWindow();
    // The audit view (File > Open batch dump), made on first use.
    AuditWindow* auditWindow();
    // View > Compare methods: open beside the window, following its model;
    // one at a time, deleted when closed (null while none is open).
    CompareDialog* compareDialog() const;
    void showCompareDialog();
    // Presentation mode (View > Presentation, F11), made on first use.
    PresentationWindow* presentation();
    QAction* presentationAction() const { return presentAct_; }
    // The guided lesson (Help > Lesson, --lesson), made on first use; its
    // panel is a dock beside the parameters.
    Lesson* lesson();
    void startLesson();

    // Opens the pair given on the command line, else the last pair, else the
    // bundled demo pair.
    void openInitialPair(const QString& a, const QString& b);
    QList<QDockWidget*> docks() const;
    static QString demoPathA();
    static QString demoPathB();

    // Puts every text of the window in the language now installed (View >
    // Language at run time): the menus and the tool bar are made again, the
    // docks, panels and secondary windows re-translate themselves; the
    // models, the layout, the zoom and the open windows stay as they are.
    void retranslate();

protected:
    void changeEvent(QEvent* event) override;
    // Space draws anywhere in the window except where text is typed (a class
    // name, the seed): spin boxes, check boxes and buttons do not take it.
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void closeEvent(QCloseEvent*) override;
    void dragEnterEvent(QDragEnterEvent*) override;
    void dropEvent(QDropEvent*) override;

private:
    // Sizes the window and arranges its docks for a screen with this
    // available geometry (once, in the constructor): a short screen tabs the
    // docks on the right, a very small one (1920x1080 at scale 2) also tabs
    // Sources with Parameters.
    void fitToScreen(const QRect& available);
    bool focusShown_ = false; // the first show puts the focus on the result
    void buildActions();
    QAction* buildFileMenu();
    void buildEditMenu();
    void buildViewMenu();
    void buildLanguageMenu(QMenu* view);
    void buildDrawMenu();
    void buildHelpMenu();
    void buildLayout();
    void refreshPair();
    void refreshDraw();
    void refreshLegend();
    void addSource();
    void addSources(const QStringList& files);
    void showError(const QString& message);
    void openFiles(const QStringList& files, int target); // target: 0 = A, 1 = B, -1 = by count
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void showPixel(int x, int y, bool inside);
    void exportResult();
    void exportRecord();
    void copyResult();
    void savePreset();
    void loadPreset();
    void restoreSettings();
    void saveSettings();
    QString dialogFolder() const;

    Options options_;
    StudioModel* model_;
    ImageView* viewA_;
    ImageView* viewB_;
    ImageView* result_;
    ImageHeader* headerA_;
    ImageHeader* headerB_;
    QLineEdit* labelA_;
    QLineEdit* labelB_;
    ParamPanel* panel_;
    BetaChart* beta_;
    LabelChart* labelChart_;
    LamExplorer* explorer_ = nullptr;
    Readout* readout_;
    QLabel* summary_;
    SteadyLabelBox* summaryBox_; // holds summary_: a new text lays out nothing around it
    QLabel* legend_;
    SourcesPanel* sources_;
    QDockWidget* paramsDock_;
    QDockWidget* sourcesDock_;
    ObjectsPanel* objects_;
    QDockWidget* objectsDock_;
    QDockWidget* distributionDock_;
    QDockWidget* numbersDock_;
    QDockWidget* labelDock_;
    QDockWidget* explorerDock_;
    QLabel* zoomLabel_;
    QMenu* recentMenu_;
    QAction* newDrawAct_;
    QAction* showBoxAct_;
    QAction* showSourcesAct_;
    QAction* showMasksAct_;
    QAction* instanceMasksAct_;
    // The masks' washes on the three views (made only while shown).
    void refreshMasks();
    QStringList recent_;
    QString lastError_;
    BatchModel* batchModel_ = nullptr;
    BatchWindow* batchWindow_ = nullptr;
    AuditModel* auditModel_ = nullptr;
    AuditWindow* auditWindow_ = nullptr;
    PresentationWindow* presentation_ = nullptr;
    QPointer<CompareDialog> compare_;
    QAction* presentAct_ = nullptr;
    Lesson* lesson_ = nullptr;
    QDockWidget* lessonDock_ = nullptr;
    bool objectsBeforeLesson_ = true; // "Show objects" when the lesson started
    void followLesson();
    QString languageChoice_;          // the View > Language entry chosen ("" for the system's)
    bool retranslatePending_ = false; // one re-translation for the several LanguageChange events
};

} // namespace cutmix::ui
