package weka.core.converters;

import org.hybridqml.data.SegmentationDataset;
import weka.core.Attribute;
import weka.core.CommandlineRunnable;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

import java.io.IOException;
import java.io.PrintStream;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a per-pixel ARFF for Weka from an image folder and a mask folder (the input of
 * {@code weka.classifiers.functions.QuNetSegmenter}, and of any Weka classifier that works on pixels): one instance
 * per (sampled) pixel with the attributes
 * <ol>
 *   <li>{@code image}: the image's base file name (nominal, or string with {@code -string-id}),</li>
 *   <li>{@code row} and {@code column}: the pixel position (0-based, numeric),</li>
 *   <li>{@code intensity}: the pixel's gray value in [0,1] (only with {@code -intensity}),</li>
 *   <li>{@code class}: {@code {background, foreground}} from the mask (foreground where the mask is &gt; 0).</li>
 * </ol>
 * Images and masks are paired by base name and read by the engine-neutral {@link SegmentationDataset} (PNG, TIFF,
 * JPEG, BMP; colour images as luma). {@code -stride s} keeps every s-th row and column (starting at 0) to keep the
 * file small; {@code -offset o} starts the sampling grid at row and column o instead.
 *
 * <p>This is the one implementation of the per-pixel instances: {@link ImageMaskFolderLoader} (the Explorer's
 * route) calls {@link #toInstances}, and the command line below configures such a loader.
 *
 * <p>Command line, through Weka ({@code weka.Run} finds it as a {@link CommandlineRunnable} once the package is
 * installed): {@code java weka.Run .SegmentationArffWriter -images imgs/ [-masks masks/] [-o out.arff]
 * [-stride 4] [-offset 0] [-intensity] [-string-id] [-relation name]}, or with the package's jar and {@code lib/}
 * on the class path, {@code java weka.core.converters.SegmentationArffWriter ...}. Without {@code -o} the ARFF
 * goes to standard output; without {@code -masks} the masks folder is the images folder's sibling named
 * {@code label}, {@code labels}, {@code mask} or {@code masks}; {@code -images} may also be a folder holding an
 * {@code image} or {@code images} folder. The image id is nominal unless {@code -string-id} (use it for separate
 * training and test files); the default relation name records the images folder
 * ({@link ImageMaskFolderLoader#defaultRelationName}).
 */
public final class SegmentationArffWriter implements CommandlineRunnable {

    /** The command-line synopsis. */
    public static final String USAGE = "Usage: " + SegmentationArffWriter.class.getName() + " -images <dir> [-masks "
            + "<dir>] [-o <file.arff>] [-stride <n>] [-offset <n>] [-intensity] [-string-id] [-relation <name>]";

    /** Class value of mask value 0. */
    public static final String BACKGROUND = "background";
    /** Class value of mask values &gt; 0. */
    public static final String FOREGROUND = "foreground";

    /** For {@code weka.Run}, which instantiates command-line runnables; the work is done by {@link #run}. */
    public SegmentationArffWriter() {
    }

    /**
     * Builds the per-pixel instances.
     *
     * @param images    image folder
     * @param masks     mask folder (same base names)
     * @param stride    keep every stride-th row and column (&ge; 1)
     * @param offset    first sampled row and column (0 &le; offset &lt; stride)
     * @param intensity add the pixel intensity attribute
     * @param stringId  make the image id a string attribute instead of nominal
     * @param relation  the relation name
     * @return the instances, class index set to the last attribute
     * @throws IOException if the folders or files cannot be read (see {@link SegmentationDataset#load})
     */
    public static Instances toInstances(Path images, Path masks, int stride, int offset, boolean intensity,
                                        boolean stringId, String relation) throws IOException {
        if (stride < 1 || offset < 0 || offset >= stride) {
            throw new IllegalArgumentException("need stride >= 1 and 0 <= offset < stride, got stride " + stride
                    + ", offset " + offset);
        }
        SegmentationDataset data = SegmentationDataset.load(images, masks, 1, 0, 0);
        List<String> names = data.names();
        ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(stringId ? new Attribute("image", (List<String>) null) : new Attribute("image", names));
        atts.add(new Attribute("row"));
        atts.add(new Attribute("column"));
        if (intensity) {
            atts.add(new Attribute("intensity"));
        }
        atts.add(new Attribute("class", List.of(BACKGROUND, FOREGROUND)));
        int h = data.height();
        int w = data.width();
        int perImage = ((h - offset + stride - 1) / stride) * ((w - offset + stride - 1) / stride);
        Instances out = new Instances(relation, atts, names.size() * perImage);
        out.setClassIndex(atts.size() - 1);
        float[] img = data.images();
        float[] msk = data.masks();
        for (int n = 0; n < names.size(); n++) {
            double id = stringId ? out.attribute(0).addStringValue(names.get(n)) : n;
            for (int r = offset; r < h; r += stride) {
                for (int c = offset; c < w; c += stride) {
                    int p = (n * h + r) * w + c;
                    double[] v = new double[atts.size()];
                    int k = 0;
                    v[k++] = id;
                    v[k++] = r;
                    v[k++] = c;
                    if (intensity) {
                        v[k++] = img[p];
                    }
                    v[k] = msk[p] > 0 ? 1 : 0;
                    out.add(new DenseInstance(1.0, v));
                }
            }
        }
        return out;
    }

    /**
     * Command-line entry point (see the class description for the options).
     *
     * @param args the options
     * @throws Exception on bad options or unreadable files
     */
    public static void main(String[] args) throws Exception {
        run(args);
    }

    /**
     * Runs the converter for {@code weka.Run} (see the class description for the options).
     *
     * @param toRun   this object (ignored)
     * @param options the options
     * @throws Exception on bad options or unreadable files
     */
    @Override
    public void run(Object toRun, String[] options) throws Exception {
        run(options);
    }

    /** Nothing to prepare. */
    @Override
    public void preExecution() {
    }

    /** Nothing to clean up. */
    @Override
    public void postExecution() {
    }

    /**
     * Converts as the options say (see the class description).
     *
     * @param args the options (consumed ones are blanked)
     * @throws Exception on bad options or unreadable files
     */
    public static void run(String[] args) throws Exception {
        if (args.length == 0 || Utils.getFlag('h', args.clone())) {
            throw new IllegalArgumentException(USAGE);
        }
        String images = Utils.getOption("images", args);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("-images <dir> is required\n" + USAGE);
        }
        String output = Utils.getOption('o', args);
        boolean stringId = Utils.getFlag("string-id", args);
        ImageMaskFolderLoader loader = new ImageMaskFolderLoader();
        loader.setOptions(args);
        Utils.checkForRemainingOptions(args);
        loader.setNominalId(!stringId);
        loader.setSource(new File(images));
        Instances data = loader.getDataSet();
        if (output.isEmpty()) {
            PrintStream out = System.out;
            out.print(data);
            out.println();
            out.flush();
        } else {
            ArffSaver saver = new ArffSaver();
            saver.setInstances(data);
            saver.setFile(new File(output));
            saver.writeBatch();
            System.err.println("Wrote " + data.numInstances() + " pixel instances of "
                    + (stringId ? data.numDistinctValues(0) : data.attribute(0).numValues()) + " images to " + output);
        }
    }
}
