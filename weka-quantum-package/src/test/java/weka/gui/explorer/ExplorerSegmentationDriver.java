package weka.gui.explorer;

import weka.core.converters.Loader;

import javax.swing.AbstractButton;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.filechooser.FileFilter;
import java.awt.Dialog;
import java.awt.Window;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static weka.gui.explorer.ExplorerGuiDriver.onEdt;
import static weka.gui.explorer.ExplorerGuiDriver.waitUntil;

/**
 * The segmentation scenario of {@link ExplorerGuiDriver} ({@code segment}): the route a Weka user takes from an
 * image folder and a mask folder to an evaluated {@code QuNetSegmenter}, with the Explorer alone and the package's
 * bundled sample ({@code data/segmentation/{train,test}/{image,label}}).
 * <ol>
 *   <li>Preprocess, <i>Open file...</i>: in the real file chooser, picks the file type "Image folder with masks
 *       (*.png)" (the package's {@code ImageMaskFolderLoader}) and opens the first training image; the whole
 *       training folder loads as per-pixel instances.</li>
 *   <li>Classify: chooses {@code QuNetSegmenter} in the chooser tree and gives it small settings (no
 *       images-location: the loader's relation name tells the classifier where the images are).</li>
 *   <li><i>Supplied test set</i>, <i>Set...</i>, <i>Open file...</i>: the same file type, the first test image;
 *       <i>Close</i>.</li>
 *   <li>Start; waits for the evaluation and saves a screenshot with the summary (mean IoU and Dice) in view.</li>
 *   <li>Also saves the Preprocess panel after step 1, next to the screenshot ({@code -preprocess} appended).</li>
 * </ol>
 * Prints what it did and the classifier output; fails as soon as an error dialog shows.
 */
final class ExplorerSegmentationDriver {

    /** The classifier under test. */
    static final String SEGMENTER = "weka.classifiers.functions.QuNetSegmenter";
    /** The package's loader, which the file chooser must offer. */
    static final String LOADER = "weka.core.converters.ImageMaskFolderLoader";
    /** Small settings: encoder filters 4,8,16, the default QuFeX bottleneck, 12 epochs at learning rate 0.03. */
    static final String[] OPTIONS = {"-filters", "4,8,16", "-E", "12", "-lr", "0.03", "-mini-batch", "2", "-S", "1"};
    /** The file chooser's file type of the loader for PNG images. */
    static final String FILE_TYPE = "Image folder with masks, one instance per pixel (*.png)";

    private static final long RUN_TIMEOUT_MS = 300_000;

    private ExplorerSegmentationDriver() {
    }

    static String drive(File sample, File png) throws Exception {
        File trainImage = firstImage(new File(sample, "train/image"));
        File testImage = firstImage(new File(sample, "test/image"));
        ExplorerGuiDriver.loadWeka(LOADER);

        Explorer explorer = onEdt(Explorer::new);
        JFrame frame = ExplorerGuiDriver.showExplorer(explorer);
        ClassifierPanel classify = ExplorerGuiDriver.classifyPanel(explorer);
        PreprocessPanel preprocess = explorer.getPreprocessPanel();

        // 1. Preprocess: Open file..., file type "Image folder with masks", the first training image
        List<String> types = openInFileChooser(() -> preprocess.m_OpenFileBut.doClick(), trainImage);
        System.out.println("File types offered: " + types);
        if (!types.contains("Arff data files (*.arff)")) {
            throw new IllegalStateException("Weka's own ARFF file type is gone: " + types);
        }
        waitUntil("the training folder to load", 60_000, () -> classify.getInstances() != null
                && classify.getInstances().relationName().contains("train"));
        System.out.println("Preprocess loaded " + onEdt(() -> classify.getInstances().numInstances())
                + " pixel instances, relation '" + onEdt(() -> classify.getInstances().relationName()) + "', "
                + "attributes " + onEdt(() -> attributes(classify)) + ", class "
                + onEdt(() -> classify.m_ClassCombo.getSelectedItem()));
        ExplorerGuiDriver.screenshot(frame, ExplorerOptionEditorDriver.sibling(png, "preprocess"));

        // 2. Classify: QuNetSegmenter with small settings and no images-location
        onEdt(() -> {
            explorer.getTabbedPane().setSelectedComponent(classify);
            return null;
        });
        ExplorerOptionEditorDriver.choose(explorer, classify, SEGMENTER);
        String spec = ExplorerGuiDriver.setOptions(classify, OPTIONS);
        if (spec.contains("-images-location")) {
            throw new IllegalStateException("an images location was set: " + spec);
        }

        // 3. Supplied test set: Set..., Open file..., the first test image, Close
        onEdt(() -> {
            classify.m_TestSplitBut.doClick();
            classify.m_SetTestBut.doClick();
            return null;
        });
        waitUntil("the test set window", 10_000, () -> classify.m_SetTestFrame != null
                && classify.m_SetTestFrame.isShowing());
        AbstractButton open = onEdt(() -> ExplorerOptionEditorDriver.findButton(classify.m_SetTestFrame,
                "Open file..."));
        if (open == null) {
            throw new IllegalStateException("the test set window has no 'Open file...' button");
        }
        openInFileChooser(open::doClick, testImage);
        waitUntil("the test folder to load", 60_000, () -> {
            Loader l = classify.m_TestLoader;
            return l != null && l.getStructure().relationName().contains("test");
        });
        System.out.println("Supplied test set: " + onEdt(() -> classify.m_TestLoader.getClass().getName()) + ", "
                + "relation '" + onEdt(() -> classify.m_TestLoader.getStructure().relationName()) + "'");
        onEdt(() -> {
            AbstractButton close = ExplorerOptionEditorDriver.findButton(classify.m_SetTestFrame, "Close");
            if (close != null) {
                close.doClick();
            } else {
                classify.m_SetTestFrame.dispose();
            }
            return null;
        });

        // 4. Start, wait, screenshot with the summary in view
        String output = ExplorerOptionEditorDriver.start(classify, "QuNetSegmenter", RUN_TIMEOUT_MS);
        ExplorerGuiDriver.screenshotSummary(frame, classify, png);
        onEdt(() -> {
            frame.dispose();
            return null;
        });
        return output;
    }

    private static File firstImage(File dir) {
        File[] files = dir.listFiles((d, n) -> n.endsWith(".png"));
        if (files == null || files.length == 0) {
            throw new IllegalStateException("no PNG image in " + dir);
        }
        Arrays.sort(files);
        return files[0];
    }

    private static String attributes(ClassifierPanel classify) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < classify.getInstances().numAttributes(); i++) {
            names.add(classify.getInstances().attribute(i).name());
        }
        return names.toString();
    }

    /**
     * Clicks a button that opens Weka's file chooser (a modal dialog, so the click is queued on the event thread
     * without waiting for it), selects {@link #FILE_TYPE}, selects {@code file} and approves, as a user does.
     *
     * @return the descriptions of the file types the chooser offered
     */
    private static List<String> openInFileChooser(Runnable click, File file) throws Exception {
        SwingUtilities.invokeLater(click);
        JFileChooser chooser = null;
        long deadline = System.currentTimeMillis() + 20_000;
        while (chooser == null) {
            chooser = onEdt(() -> {
                for (Window w : Window.getWindows()) {
                    if (w instanceof Dialog && w.isShowing()) {
                        JFileChooser c = ExplorerGuiDriver.find(w, JFileChooser.class);
                        if (c != null) {
                            return c;
                        }
                    }
                }
                return null;
            });
            if (chooser == null) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("no file chooser opened");
                }
                Thread.sleep(200);
            }
        }
        JFileChooser fc = chooser;
        return onEdt(() -> {
            List<String> types = new ArrayList<>();
            FileFilter ours = null;
            for (FileFilter f : fc.getChoosableFileFilters()) {
                types.add(f.getDescription());
                if (f.getDescription().equals(FILE_TYPE)) {
                    ours = f;
                }
            }
            if (ours == null) {
                throw new IllegalStateException("the file chooser does not offer '" + FILE_TYPE + "': " + types);
            }
            fc.setFileFilter(ours);
            fc.setCurrentDirectory(file.getParentFile());
            fc.setSelectedFile(file);
            fc.approveSelection();
            return types;
        });
    }
}
