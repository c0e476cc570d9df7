package weka.gui.explorer;

import weka.core.OptionHandler;
import weka.core.Utils;
import weka.core.WekaPackageManager;
import weka.core.converters.ArffLoader;
import weka.gui.GenericObjectEditor;
import weka.gui.LookAndFeel;
import weka.gui.PropertySheetPanel;

import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JPopupMenu;
import javax.swing.JTree;
import javax.swing.text.JTextComponent;
import javax.swing.tree.TreePath;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.Point;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.beans.PropertyDescriptor;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static weka.gui.explorer.ExplorerGuiDriver.find;
import static weka.gui.explorer.ExplorerGuiDriver.onEdt;
import static weka.gui.explorer.ExplorerGuiDriver.showingDialogText;
import static weka.gui.explorer.ExplorerGuiDriver.waitUntil;

/**
 * The option-editor scenario of {@link ExplorerGuiDriver} ({@code edit}): for each of the package's three Weka
 * classifiers it loads small data in the Explorer, picks the classifier in the Classify tab's chooser, opens its
 * option editor (the GenericObjectEditor's dialog, as a click on the classifier's name does), and types a value
 * into every numeric field character by character with {@link Robot} (the field is first emptied with Backspace;
 * Weka commits the field at every key release, so the classifier sees every intermediate value, e.g. 0 while
 * {@code 0.005} is typed). After every key it checks that no other dialog (an error message) is showing. Then it
 * presses OK, checks that the typed values reached the classifier, selects a percentage split, presses Start and
 * waits for the evaluation. Writes one screenshot per classifier, next to the given PNG file (its name with the
 * classifier's simple name appended), and the last option editor as typed into ({@code -editor} appended).
 *
 * <p>Data: the bundled {@code digits-300.arff} (8x8 images, 64 pixel attributes) for the DQC classifier and the
 * pointwise CNN; for the Qu-Net segmenter two generated 8x8 gray images and their 128 pixel instances.
 */
final class ExplorerOptionEditorDriver {

    private static final String PKG = "weka.classifiers.functions.";
    private static final long RUN_TIMEOUT_MS = 120_000;

    private ExplorerOptionEditorDriver() {
    }

    /** What each numeric field gets typed (others: 12 for whole numbers, 0.005 for decimals). */
    private static Map<String, Map<String, String>> typed() {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        m.put("DressedQuantumCircuitClassifier", Map.of("numQubits", "2", "numLayers", "1", "maxEpochs", "3",
                "readoutLearningRateScale", "10", "validationFraction", "0.25", "numDecimalPlaces", "4"));
        m.put("QuantumPointwiseCNN", Map.of("imageWidth", "8", "imageHeight", "8", "imageChannels", "1",
                "pixelScale", "0.0625", "convChannels", "2", "quantumLayers", "1", "circuits", "1", "epochs", "1",
                "numDecimalPlaces", "4"));
        m.put("QuNetSegmenter", Map.of("imageChannels", "1", "epochs", "1", "miniBatchSize", "2",
                "numDecimalPlaces", "4"));
        return m;
    }

    static String drive(File digitsArff, File png) throws Exception {
        WekaPackageManager.loadPackages(false);
        GenericObjectEditor.determineClasses();
        LookAndFeel.setLookAndFeel();
        File segDir = Files.createTempDirectory("qunet-gui").toFile();
        File segArff = segmentationData(segDir);

        Explorer explorer = onEdt(Explorer::new);
        JFrame frame = ExplorerGuiDriver.showExplorer(explorer);
        ClassifierPanel classify = ExplorerGuiDriver.classifyPanel(explorer);
        Robot robot = new Robot();
        robot.setAutoDelay(15);
        StringBuilder all = new StringBuilder();
        long t0 = System.nanoTime();
        for (Map.Entry<String, Map<String, String>> e : typed().entrySet()) {
            String name = e.getKey();
            boolean seg = name.equals("QuNetSegmenter");
            load(explorer, classify, seg ? segArff : digitsArff);
            choose(explorer, classify, PKG + name);
            if (seg) {
                onEdt(() -> {
                    Object c = classify.m_ClassifierEditor.getValue();
                    ((OptionHandler) c).setOptions(new String[]{"-images-location", segDir.getPath(),
                            "-filters", "2,4", "-bottleneck", "conv"});
                    classify.m_ClassifierEditor.setValue(c);
                    return null;
                });
            }
            List<String> typedInto = typeIntoEditor(classify, robot, e.getValue(), png, name);
            System.out.println(name + ": typed into " + typedInto.size() + " numeric fields, no error dialog: "
                    + typedInto);
            String spec = onEdt(() -> Utils.toCommandLine(classify.getClassifier()));
            System.out.println("Classifier: " + spec);
            String expectLr = "-lr 0.005";
            if (!spec.contains(expectLr)) {
                throw new IllegalStateException("the typed learning rate did not reach the classifier: " + spec);
            }
            String output = run(classify, name);
            all.append(output).append('\n');
            ExplorerGuiDriver.screenshot(frame, sibling(png, name));
        }
        System.out.printf("All three classifiers edited and evaluated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        onEdt(() -> {
            frame.dispose();
            return null;
        });
        return all.toString();
    }

    /** {@code png}'s sibling whose name is {@code png}'s with {@code -suffix} before the extension. */
    static File sibling(File png, String suffix) {
        String n = png.getName();
        int dot = n.lastIndexOf('.');
        return new File(png.getAbsoluteFile().getParentFile(),
                (dot < 0 ? n : n.substring(0, dot)) + "-" + suffix + ".png");
    }

    private static void load(Explorer explorer, ClassifierPanel classify, File arff) throws Exception {
        onEdt(() -> {
            explorer.getTabbedPane().setSelectedIndex(0);
            ArffLoader loader = new ArffLoader();
            loader.setFile(arff);
            explorer.getPreprocessPanel().setInstancesFromFile(loader);
            return null;
        });
        String relation = onEdt(() -> {
            ArffLoader l = new ArffLoader();
            l.setFile(arff);
            return l.getStructure().relationName();
        });
        waitUntil("the data set " + arff.getName() + " to load", 60_000,
                () -> classify.getInstances() != null && classify.getInstances().relationName().equals(relation));
        onEdt(() -> {
            explorer.getTabbedPane().setSelectedComponent(classify);
            return null;
        });
    }

    static void choose(Explorer explorer, ClassifierPanel classify, String className) throws Exception {
        onEdt(() -> {
            JPopupMenu chooser = classify.m_ClassifierEditor.getChooseClassPopupMenu();
            JTree tree = find(chooser, JTree.class);
            TreePath path = tree == null ? null : ExplorerGuiDriver.leafPath(tree, new ArrayList<>(), className);
            if (path == null) {
                throw new IllegalStateException("the classifier chooser does not list " + className);
            }
            tree.setSelectionPath(path);
            return null;
        });
        Object chosen = onEdt(() -> classify.m_ClassifierEditor.getValue());
        if (chosen == null || !chosen.getClass().getName().equals(className)) {
            throw new IllegalStateException("choosing the tree leaf selected " + chosen);
        }
    }

    /**
     * Opens the option editor, types into every int/double field, asserts no dialog appeared, presses OK.
     *
     * @return the names of the properties typed into
     */
    private static List<String> typeIntoEditor(ClassifierPanel classify, Robot robot, Map<String, String> values,
                                               File png, String name) throws Exception {
        // the editor dialog is modal: open it later on the event thread, as a click does, without waiting for it
        javax.swing.SwingUtilities.invokeLater(classify.m_CEPanel::showPropertyDialog);
        Window editor = null;
        long deadline = System.currentTimeMillis() + 10_000;
        while (editor == null && System.currentTimeMillis() < deadline) {
            editor = onEdt(() -> {
                for (Window w : Window.getWindows()) {
                    if (w instanceof Dialog && w.isShowing() && find(w, PropertySheetPanel.class) != null) {
                        return w;
                    }
                }
                return null;
            });
            Thread.sleep(100);
        }
        if (editor == null) {
            throw new IllegalStateException("the option editor did not open");
        }
        Window dialog = editor;
        onEdt(() -> {
            dialog.setLocation(40, 40);
            dialog.toFront();
            return null;
        });
        robot.waitForIdle();
        PropertySheetPanel sheet = onEdt(() -> find(dialog, PropertySheetPanel.class));
        PropertyDescriptor[] props = (PropertyDescriptor[]) field(sheet, "m_Properties");
        JComponent[] views = (JComponent[]) field(sheet, "m_Views");
        List<String> done = new ArrayList<>();
        for (int i = 0; i < props.length; i++) {
            Class<?> type = props[i].getPropertyType();
            if (type != int.class && type != double.class || !(views[i] instanceof JTextComponent text)) {
                continue;
            }
            String prop = props[i].getName();
            String value = values.getOrDefault(prop, type == int.class ? "12" : "0.005");
            Point at = onEdt(() -> {
                text.scrollRectToVisible(text.getBounds());
                Point p = text.getLocationOnScreen();
                return new Point(p.x + text.getWidth() / 2, p.y + text.getHeight() / 2);
            });
            robot.mouseMove(at.x, at.y);
            robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
            robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
            robot.waitForIdle();
            waitUntilFocused(text, prop);
            onEdt(() -> {
                text.setCaretPosition(text.getDocument().getLength());
                return null;
            });
            int length = onEdt(() -> text.getText().length());
            for (int k = 0; k < length; k++) {
                key(robot, KeyEvent.VK_BACK_SPACE);
                noErrorDialog(dialog, prop, "Backspace");
            }
            for (char ch : value.toCharArray()) {
                key(robot, ch == '.' ? KeyEvent.VK_PERIOD : ch == '-' ? KeyEvent.VK_MINUS : KeyEvent.VK_0 + (ch - '0'));
                noErrorDialog(dialog, prop, String.valueOf(ch));
            }
            String shown = onEdt(text::getText);
            if (!shown.equals(value)) {
                throw new IllegalStateException(prop + ": typed " + value + " but the field shows " + shown);
            }
            done.add(prop + "=" + value);
        }
        ExplorerGuiDriver.screenshotWindow(dialog, sibling(png, name + "-editor"));
        onEdt(() -> {
            AbstractButton ok = findButton(dialog, "OK");
            if (ok == null) {
                throw new IllegalStateException("no OK button in the option editor");
            }
            ok.doClick();
            return null;
        });
        waitUntil("the option editor to close", 10_000, () -> !dialog.isShowing());
        return done;
    }

    private static void key(Robot robot, int code) {
        robot.keyPress(code);
        robot.keyRelease(code);
        robot.waitForIdle();
    }

    private static void waitUntilFocused(JTextComponent text, String prop) throws Exception {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!onEdt(text::isFocusOwner)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the field of " + prop + " did not get the keyboard focus");
            }
            onEdt(() -> text.requestFocusInWindow());
            Thread.sleep(50);
        }
    }

    private static void noErrorDialog(Window editor, String prop, String key) throws Exception {
        Thread.sleep(20);
        String other = onEdt(() -> showingDialogText(editor));
        if (other != null) {
            throw new IllegalStateException("a dialog opened after typing '" + key + "' into " + prop + ": " + other);
        }
    }

    private static String run(ClassifierPanel classify, String name) throws Exception {
        onEdt(() -> {
            classify.m_PercentBut.doClick();
            return null;
        });
        return start(classify, name, RUN_TIMEOUT_MS);
    }

    /**
     * Clears the output, presses Start with the test options as set, and waits for the run to end.
     *
     * @return the classifier output, which must hold an evaluation of the classifier {@code name}
     */
    static String start(ClassifierPanel classify, String name, long timeoutMs) throws Exception {
        onEdt(() -> {
            classify.m_OutText.setText("");
            return null;
        });
        long start = System.nanoTime();
        boolean started = onEdt(() -> {
            classify.m_StartBut.doClick();
            return classify.m_RunThread != null;
        });
        if (!started) {
            throw new IllegalStateException("pressing Start did not start a run of " + name);
        }
        waitUntil("the run of " + name + " to finish", timeoutMs, () -> classify.m_RunThread == null);
        String output = onEdt(() -> classify.m_OutText.getText());
        if (!output.contains(ExplorerGuiDriver.MARKER) || !output.contains(name)) {
            throw new IllegalStateException("the run ended without an evaluation of " + name + ":\n" + output);
        }
        System.out.printf("%s: evaluated after %.1f s%n", name, (System.nanoTime() - start) / 1e9);
        return output;
    }

    static AbstractButton findButton(Component c, String text) {
        if (c instanceof AbstractButton b && text.equals(b.getText())) {
            return b;
        }
        if (c instanceof Container container) {
            for (Component child : container.getComponents()) {
                AbstractButton b = findButton(child, text);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    private static Object field(Object o, String name) throws Exception {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return onEdt(() -> f.get(o));
    }

    /** Two 8x8 gray images (a bright square on dark) and their pixel instances labelled by the square. */
    private static File segmentationData(File dir) throws Exception {
        StringBuilder arff = new StringBuilder("@relation qunet-gui-pixels\n\n@attribute image {a,b}\n"
                + "@attribute row numeric\n@attribute column numeric\n@attribute class {background,foreground}\n\n"
                + "@data\n");
        for (String id : new String[]{"a", "b"}) {
            int off = id.equals("a") ? 1 : 3;
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    boolean fg = r >= off && r < off + 4 && c >= off && c < off + 4;
                    int g = fg ? 220 : 30;
                    img.getRaster().setSample(c, r, 0, g);
                    arff.append(id).append(',').append(r).append(',').append(c).append(',')
                            .append(fg ? "foreground" : "background").append('\n');
                }
            }
            ImageIO.write(img, "png", new File(dir, id + ".png"));
        }
        Path file = dir.toPath().resolve("pixels.arff");
        Files.writeString(file, arff);
        return file.toFile();
    }
}
