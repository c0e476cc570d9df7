package weka.gui.explorer;

import weka.core.OptionHandler;
import weka.core.Utils;
import weka.core.WekaPackageManager;
import weka.core.converters.ArffLoader;
import weka.gui.GenericObjectEditor;
import weka.gui.LookAndFeel;

import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPopupMenu;
import javax.swing.JTree;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import javax.swing.text.JTextComponent;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.TreeNode;
import javax.swing.tree.TreePath;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives the real Weka Explorer the way a user does: loads an ARFF file in the Preprocess tab, picks
 * {@code weka.classifiers.functions.DressedQuantumCircuitClassifier} in the Classify tab's chooser tree, gives it
 * small settings, selects a percentage split, presses Start, waits for the evaluation and saves a screenshot of the
 * window. Meant to run in its own JVM with only Weka on the class path and the hybridQuantumML package installed
 * in {@code WEKA_HOME}, so the classifier can only come from the package manager (it checks that the application
 * class loader cannot load it). It sits in {@code weka.gui.explorer} to reach the Classify panel's package-visible
 * controls (chooser, radio buttons, Start button, output area).
 *
 * <p>With a third argument {@code stop} it instead gives the classifier a long configuration
 * ({@link #LONG_OPTIONS}: a 20-qubit circuit), presses Start, lets the training run a few seconds, presses Stop and
 * reports how long the run took to end, the Explorer's status line and log, and whether any thread is still running
 * project code afterwards; the screenshot then shows the stopped Explorer.
 *
 * <p>With a third argument {@code edit} it runs {@link ExplorerOptionEditorDriver}: each classifier's option
 * editor is typed into with {@link java.awt.Robot}, then evaluated.
 *
 * <p>With a third argument {@code segment} it runs {@link ExplorerSegmentationDriver}: the package's segmentation
 * sample ({@code segmentation/} next to the ARFF file) is loaded through the file chooser with the package's image
 * folder loader, and {@code QuNetSegmenter} is evaluated on the supplied test folder.
 *
 * <p>Usage: {@code ExplorerGuiDriver <arff file> <png file> [stop|edit|segment]}. Prints the classifier output (or, with
 * {@code stop}, the Explorer's log) to standard output and exits with 0; on any failure prints
 * {@code ExplorerGuiDriver FAILED: <reason>} and exits with 1.
 */
public final class ExplorerGuiDriver {

    /** The classifier the package must contribute to the Explorer's chooser. */
    public static final String CLASSIFIER = "weka.classifiers.functions.DressedQuantumCircuitClassifier";
    /** Small settings so the evaluation takes seconds: 4 qubits, 2 layers, at most 60 epochs, seed 1. */
    static final String[] OPTIONS = {"-Q", "4", "-L", "2", "-E", "60", "-S", "1"};
    /** A long configuration for the Stop scenario: 20 qubits, 2 layers, up to 1000 epochs, seed 1. */
    static final String[] LONG_OPTIONS = {"-Q", "20", "-L", "2", "-E", "1000", "-S", "1"};
    /** How long the Stop scenario lets the training run before pressing Stop. */
    private static final long RUN_BEFORE_STOP_MS = 4_000;
    /** How long the run may take to end after Stop is pressed. */
    private static final long STOP_TIMEOUT_MS = 30_000;
    /** The line that Weka's evaluation summary always contains. */
    public static final String MARKER = "Correctly Classified Instances";

    private static final long LOAD_TIMEOUT_MS = 60_000;
    private static final long RUN_TIMEOUT_MS = 180_000;

    private ExplorerGuiDriver() {
    }

    /**
     * Runs the scenario.
     *
     * @param args the ARFF file to load and the PNG file to write
     */
    public static void main(String[] args) {
        int status = 1;
        try {
            boolean stop = args.length == 3 && args[2].equals("stop");
            boolean edit = args.length == 3 && args[2].equals("edit");
            boolean segment = args.length == 3 && args[2].equals("segment");
            if (args.length != 2 && !stop && !edit && !segment) {
                throw new IllegalArgumentException("usage: ExplorerGuiDriver <arff file> <png file> "
                        + "[stop|edit|segment]");
            }
            File arff = new File(args[0]);
            String output = edit ? ExplorerOptionEditorDriver.drive(arff, new File(args[1]))
                    : segment ? ExplorerSegmentationDriver.drive(new File(arff.getParentFile(), "segmentation"),
                    new File(args[1]))
                    : drive(arff, new File(args[1]), stop);
            System.out.println("=== Explorer classifier output ===");
            System.out.println(output);
            status = 0;
        } catch (Throwable t) {
            System.out.flush();
            System.err.println("ExplorerGuiDriver FAILED: " + t);
            t.printStackTrace();
        }
        System.exit(status);
    }

    private static String drive(File arff, File png, boolean stop) throws Exception {
        String[] options = stop ? LONG_OPTIONS : OPTIONS;
        loadWeka(CLASSIFIER);

        Explorer explorer = onEdt(Explorer::new);
        JFrame frame = showExplorer(explorer);
        ClassifierPanel classify = classifyPanel(explorer);

        // Preprocess tab: open the ARFF file (what "Open file..." does once a file is chosen).
        onEdt(() -> {
            ArffLoader loader = new ArffLoader();
            loader.setFile(arff);
            explorer.getPreprocessPanel().setInstancesFromFile(loader);
            return null;
        });
        waitUntil("the data set to load", LOAD_TIMEOUT_MS,
                () -> classify.getInstances() != null && explorer.getPreprocessPanel().getInstances() != null);
        int numInstances = onEdt(() -> classify.getInstances().numInstances());
        System.out.println("Loaded " + arff + ": " + numInstances + " instances, class "
                + onEdt(() -> classify.m_ClassCombo.getSelectedItem()));

        // Classify tab: choose the classifier in the chooser tree, as a click on its leaf does.
        onEdt(() -> {
            explorer.getTabbedPane().setSelectedComponent(classify);
            return null;
        });
        onEdt(() -> {
            JPopupMenu chooser = classify.m_ClassifierEditor.getChooseClassPopupMenu();
            JTree tree = find(chooser, JTree.class);
            if (tree == null) {
                throw new IllegalStateException("no tree in the classifier chooser");
            }
            List<String> functions = new ArrayList<>();
            TreePath path = leafPath(tree, functions);
            if (path == null) {
                throw new IllegalStateException("the classifier chooser does not list " + CLASSIFIER
                        + "; its functions: " + functions);
            }
            System.out.println("Classifier chooser lists " + CLASSIFIER);
            tree.setSelectionPath(path);
            return null;
        });
        Object chosen = onEdt(() -> classify.m_ClassifierEditor.getValue());
        if (chosen == null || !chosen.getClass().getName().equals(CLASSIFIER)) {
            throw new IllegalStateException("choosing the tree leaf selected " + chosen);
        }
        String spec = setOptions(classify, options);
        for (int i = 0; i < options.length; i += 2) {
            if (!spec.contains(options[i] + " " + options[i + 1])) {
                throw new IllegalStateException("option " + options[i] + " " + options[i + 1] + " not set: " + spec);
            }
        }

        onEdt(() -> {
            classify.m_PercentBut.doClick();
            return null;
        });
        if (!onEdt(classify::isSelectedPercentageSplit)) {
            throw new IllegalStateException("percentage split is not selected");
        }
        System.out.println("Test options: percentage split " + onEdt(() -> classify.m_PercentText.getText()) + " %");

        long start = System.nanoTime();
        boolean started = onEdt(() -> {
            classify.m_StartBut.doClick();
            return classify.m_RunThread != null;
        });
        if (!started) {
            throw new IllegalStateException("pressing Start did not start a run");
        }
        if (stop) {
            return pressStop(explorer, classify, frame, png);
        }
        waitUntil("the classifier run to finish", RUN_TIMEOUT_MS, () -> classify.m_RunThread == null);
        System.out.printf("Run finished after %.1f s%n", (System.nanoTime() - start) / 1e9);
        String output = onEdt(() -> classify.m_OutText.getText());
        if (!output.contains(MARKER) || !output.contains(CLASSIFIER.substring(CLASSIFIER.lastIndexOf('.') + 1))) {
            throw new IllegalStateException("the run ended without an evaluation of " + CLASSIFIER + ":\n" + output);
        }

        screenshotSummary(frame, classify, png);
        onEdt(() -> {
            frame.dispose();
            return null;
        });
        return output;
    }

    /**
     * The Stop scenario, from a started run: lets it train, presses Stop, waits for the run thread to end, prints
     * the stop latency, the status line, whether project code still runs on any thread, and saves the screenshot.
     *
     * @return the Explorer's log
     */
    private static String pressStop(Explorer explorer, ClassifierPanel classify, JFrame frame, File png)
            throws Exception {
        Thread.sleep(RUN_BEFORE_STOP_MS);
        Thread run = onEdt(() -> classify.m_RunThread);
        if (run == null || !run.isAlive()) {
            throw new IllegalStateException("the run ended before Stop was pressed: " + logText(explorer));
        }
        System.out.println("Training still running after " + RUN_BEFORE_STOP_MS / 1000 + " s: "
                + projectFrame(run));
        long t0 = System.nanoTime();
        onEdt(() -> {
            classify.m_StopBut.doClick();
            return null;
        });
        run.join(STOP_TIMEOUT_MS);
        double runEnded = (System.nanoTime() - t0) / 1e9;
        if (run.isAlive()) {
            throw new IllegalStateException("the run thread is still alive " + STOP_TIMEOUT_MS / 1000
                    + " s after Stop");
        }
        waitUntil("the Classify panel to release the run", 10_000, () -> classify.m_RunThread == null);
        double released = (System.nanoTime() - t0) / 1e9;
        System.out.printf("Run thread ended %.3f s after Stop (panel ready after %.3f s)%n", runEnded, released);
        // every pool thread must have left the project's code (none keeps simulating for the stopped run)
        String busy = null;
        long deadline = System.currentTimeMillis() + 2_000;
        do {
            busy = threadInProjectCode();
            if (busy != null) {
                Thread.sleep(50);
            }
        } while (busy != null && System.currentTimeMillis() < deadline);
        System.out.println("Threads in project code 2 s after Stop: " + (busy == null ? "none" : busy));
        String status = onEdt(() -> statusText(explorer));
        System.out.println("Status line: " + status);
        System.out.println("Start button enabled: " + onEdt(() -> classify.m_StartBut.isEnabled()));
        screenshot(frame, png);
        String log = onEdt(() -> logText(explorer));
        onEdt(() -> {
            frame.dispose();
            return null;
        });
        return log;
    }

    /**
     * Checks that {@code packageClass} is not on the application class path (only the installed package may
     * provide it), then loads the installed packages, the object editors' class lists and Weka's look and feel.
     */
    static void loadWeka(String packageClass) throws Exception {
        try {
            ClassLoader.getSystemClassLoader().loadClass(packageClass);
            throw new IllegalStateException(packageClass + " is on the application class path; it must come from "
                    + "the installed package");
        } catch (ClassNotFoundException expected) {
            // only the package manager can provide it
        }
        WekaPackageManager.loadPackages(false);
        GenericObjectEditor.determineClasses();
        LookAndFeel.setLookAndFeel();
    }

    /**
     * Sets the chosen classifier's options (the object editor's dialog edits the same object, so they are set
     * directly on it) and prints its command line.
     *
     * @return the classifier's command line
     */
    static String setOptions(ClassifierPanel classify, String[] options) throws Exception {
        String spec = onEdt(() -> {
            Object c = classify.m_ClassifierEditor.getValue();
            ((OptionHandler) c).setOptions(options.clone());
            classify.m_ClassifierEditor.setValue(c);
            return Utils.toCommandLine(classify.getClassifier());
        });
        System.out.println("Classifier: " + spec);
        return spec;
    }

    /** Shows the Explorer in a 1000x760 frame at the screen's top left corner. */
    static JFrame showExplorer(Explorer explorer) throws Exception {
        return onEdt(() -> {
            JFrame f = new JFrame("Weka Explorer");
            f.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
            f.getContentPane().add(explorer);
            f.setSize(1000, 760);
            f.setLocation(0, 0);
            f.setVisible(true);
            return f;
        });
    }

    /** The Explorer's Classify panel. */
    static ClassifierPanel classifyPanel(Explorer explorer) throws Exception {
        return onEdt(() -> {
            for (Explorer.ExplorerPanel p : explorer.getPanels()) {
                if (p instanceof ClassifierPanel) {
                    return (ClassifierPanel) p;
                }
            }
            throw new IllegalStateException("the Explorer has no Classify panel");
        });
    }

    /** The first frame of project code on {@code t}'s stack, or its top frame. */
    private static String projectFrame(Thread t) {
        StackTraceElement[] st = t.getStackTrace();
        for (StackTraceElement e : st) {
            if (e.getClassName().startsWith("org.hybridqml.")) {
                return e.toString();
            }
        }
        return st.length == 0 ? "(no frames)" : st[0].toString();
    }

    /** A thread (other than this one) with project code on its stack, described, or null when there is none. */
    private static String threadInProjectCode() {
        for (java.util.Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            for (StackTraceElement f : e.getValue()) {
                if (f.getClassName().startsWith("org.hybridqml.")) {
                    return e.getKey().getName() + " at " + f;
                }
            }
        }
        return null;
    }

    /** The text of the Explorer's status line (the log panel's status label). */
    private static String statusText(Explorer explorer) throws Exception {
        return ((JLabel) logPanelField(explorer, "m_StatusLab")).getText();
    }

    /** The Explorer's log (the log panel's text area). */
    private static String logText(Explorer explorer) throws Exception {
        return ((JTextComponent) logPanelField(explorer, "m_LogText")).getText();
    }

    private static Object logPanelField(Explorer explorer, String name) throws Exception {
        java.lang.reflect.Field f = weka.gui.LogPanel.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(explorer.m_LogPanel);
    }

    /** Scrolls the classifier output to its summary, then paints the window into a PNG file. */
    static void screenshotSummary(JFrame frame, ClassifierPanel classify, File png) throws Exception {
        onEdt(() -> {
            int at = classify.m_OutText.getText().indexOf("=== Summary ===");
            Rectangle r = classify.m_OutText.modelToView2D(Math.max(at, 0)).getBounds();
            r.height = classify.m_OutText.getVisibleRect().height;
            classify.m_OutText.scrollRectToVisible(r);
            return null;
        });
        screenshot(frame, png);
    }

    /** Paints the window into a PNG file. */
    static void screenshot(JFrame frame, File png) throws Exception {
        screenshotWindow(frame, png);
    }

    /** Paints a window (a frame or a dialog) into a PNG file. */
    static void screenshotWindow(Window frame, File png) throws Exception {
        BufferedImage image = onEdt(() -> {
            BufferedImage img = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            frame.paint(g);
            g.dispose();
            return img;
        });
        Path target = png.toPath().toAbsolutePath();
        Files.createDirectories(target.getParent());
        if (!ImageIO.write(image, "png", target.toFile())) {
            throw new IllegalStateException("no PNG writer");
        }
        System.out.println("Screenshot " + image.getWidth() + "x" + image.getHeight() + " written to " + target);
    }

    /**
     * The tree path whose node names, joined with dots, are {@link #CLASSIFIER}; null if there is none. Collects
     * the names of all leaves under a "functions" node into {@code functions}.
     */
    static TreePath leafPath(JTree tree, List<String> functions) {
        return leafPath(tree, functions, CLASSIFIER);
    }

    /** The tree path of the leaf naming {@code className}; null if there is none (function leaves listed). */
    static TreePath leafPath(JTree tree, List<String> functions, String className) {
        DefaultMutableTreeNode root = (DefaultMutableTreeNode) tree.getModel().getRoot();
        TreePath found = null;
        for (Enumeration<TreeNode> e = root.depthFirstEnumeration(); e.hasMoreElements(); ) {
            DefaultMutableTreeNode node = (DefaultMutableTreeNode) e.nextElement();
            if (!node.isLeaf()) {
                continue;
            }
            StringBuilder name = new StringBuilder();
            for (Object o : node.getUserObjectPath()) {
                name.append(name.length() == 0 ? "" : ".").append(o);
            }
            if (name.toString().contains(".functions.")) {
                functions.add(name.toString());
            }
            if (name.toString().equals(className)) {
                found = new TreePath(node.getPath());
            }
        }
        return found;
    }

    /** The first component of type {@code type} in {@code c}'s component tree, or null. */
    static <T> T find(Component c, Class<T> type) {
        if (type.isInstance(c)) {
            return type.cast(c);
        }
        if (c instanceof Container) {
            for (Component child : ((Container) c).getComponents()) {
                T t = find(child, type);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /**
     * Polls {@code condition} on the event dispatch thread every 250 ms until it holds; fails after
     * {@code timeoutMs}, or as soon as a dialog is showing (Weka reports errors in message dialogs).
     */
    static void waitUntil(String what, long timeoutMs, Callable<Boolean> condition) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            String dialog = onEdt(ExplorerGuiDriver::showingDialogText);
            if (dialog != null) {
                throw new IllegalStateException("a dialog opened while waiting for " + what + ": " + dialog);
            }
            if (onEdt(condition)) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("timed out after " + timeoutMs / 1000 + " s waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    /** The title and texts of the first showing dialog, or null when none is showing. */
    static String showingDialogText() {
        return showingDialogText(null);
    }

    /** The title and texts of the first showing dialog other than {@code except}, or null when none is showing. */
    static String showingDialogText(Window except) {
        for (Window w : Window.getWindows()) {
            if (w instanceof Dialog && w.isShowing() && w != except) {
                StringBuilder sb = new StringBuilder(((Dialog) w).getTitle());
                collectText(w, sb);
                return sb.toString();
            }
        }
        return null;
    }

    static void collectText(Component c, StringBuilder sb) {
        if (c instanceof JOptionPane) {
            sb.append(" | ").append(((JOptionPane) c).getMessage());
        } else if (c instanceof JLabel) {
            sb.append(" | ").append(((JLabel) c).getText());
        } else if (c instanceof JTextComponent) {
            sb.append(" | ").append(((JTextComponent) c).getText());
        }
        if (c instanceof Container) {
            for (Component child : ((Container) c).getComponents()) {
                collectText(child, sb);
            }
        }
    }

    /** Runs {@code task} on the event dispatch thread and returns its result, rethrowing what it threw. */
    static <T> T onEdt(Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(task.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
