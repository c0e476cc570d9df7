package weka.core.converters;

import org.hybridqml.data.SegmentationDataset;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.OptionHandler;
import weka.core.RevisionUtils;
import weka.core.Utils;

import java.io.File;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Vector;

/**
 * A Weka loader that turns an image folder and its mask folder into per-pixel instances (image id, row, column,
 * optional intensity, class {background, foreground}), the input of
 * {@code weka.classifiers.functions.QuNetSegmenter}. The instances are exactly those of
 * {@link SegmentationArffWriter#toInstances} (the one implementation both use).
 *
 * <p><b>In the Explorer</b> (Preprocess, <i>Open file...</i>): choose the file type "Image folder with masks" and
 * open <i>any</i> image of the images folder; the whole folder is loaded. Registered for the image extensions
 * {@link SegmentationDataset#imageExtensions()} (.png, .tif, .tiff, .jpg, .jpeg, .bmp), which no loader of Weka
 * itself claims; Weka finds it by its package ({@code weka.core.converters}, listed for
 * {@code weka.core.converters.Loader} in Weka's {@code GenericPropertiesCreator.props}), so nothing of Weka is
 * replaced or configured.
 *
 * <p><b>Folder rules.</b> The images folder is the opened file's folder; when a folder is given instead (command
 * line, {@code weka.Run}), it is that folder, or its sub-folder {@code image} or {@code images} when it has one. The
 * masks folder is the {@code masksFolder} option ({@code -masks}; a relative path is taken relative to the working
 * directory, else to the images folder's parent), or else the first of the images folder's siblings named
 * {@code label}, {@code labels}, {@code mask}, {@code masks}. Images and masks pair by base name.
 *
 * <p><b>Images location.</b> The default relation name is {@code pixels-<folder> [images-location: <absolute
 * path>]}; {@code QuNetSegmenter} reads the images from that folder when its own {@code -images-location} is empty
 * ({@link #imagesLocation(String)}), for the training set and, separately, for a supplied test set of other images.
 *
 * <p><b>Image id.</b> A string attribute by default, so a training folder and a test folder of other images give
 * compatible headers (Weka's supplied test set); {@code -nominal-id} makes it nominal (one value per image file).
 *
 * <p>Command line: {@code java weka.Run .ImageMaskFolderLoader <image file or folder> [options]} prints the ARFF to
 * standard output; {@code SegmentationArffWriter} writes it to a file ({@code -o}).
 */
public class ImageMaskFolderLoader extends AbstractFileLoader implements BatchConverter, OptionHandler {

    private static final long serialVersionUID = 1L;

    /** Sub-folder names taken as the images folder when a folder holding one of them is opened. */
    public static final List<String> IMAGE_FOLDER_NAMES = List.of("image", "images");
    /** Sibling folder names searched, in this order, for the masks when no masks folder is given. */
    public static final List<String> MASK_FOLDER_NAMES = List.of("label", "labels", "mask", "masks");
    /** Opens the images folder's record in a relation name; the absolute path follows, then {@code ]}. */
    public static final String IMAGES_LOCATION_TAG = "[images-location: ";

    private String masksFolder = "";
    private int stride = 1;
    private int offset;
    private boolean intensity;
    private boolean nominalId;
    private String relationName = "";

    /** The images folder of the current source (null before a source is set). */
    private File imagesFolder;
    /** The instances of the current source, built on first use. */
    private transient Instances data;

    /**
     * @return a description for the GUI
     */
    public String globalInfo() {
        return "Loads an image folder and its mask folder as per-pixel instances (image id, row, column, optional "
                + "intensity, class {background, foreground}: foreground where the mask is > 0), the input of "
                + "QuNetSegmenter. Open any image of the images folder: the whole folder is loaded, and the masks "
                + "are read from the masks folder option or else from the sibling folder named label, labels, mask "
                + "or masks (paired by base name). The relation name records the images folder, so "
                + "QuNetSegmenter needs no images-location. The image id is a string attribute (a training folder "
                + "and a test folder of other images have compatible headers) unless nominalId is set.";
    }

    @Override
    public String getFileExtension() {
        return SegmentationDataset.imageExtensions().get(0);
    }

    @Override
    public String[] getFileExtensions() {
        return SegmentationDataset.imageExtensions().toArray(new String[0]);
    }

    @Override
    public String getFileDescription() {
        return "Image folder with masks, one instance per pixel";
    }

    /**
     * Sets the source: an image file (its folder is the images folder) or a folder (see the class description).
     *
     * @param file the image file or folder
     * @throws IOException if it does not exist
     */
    @Override
    public void setSource(File file) throws IOException {
        if (file == null) {
            throw new IOException("Source file object is null!");
        }
        if (!file.exists()) {
            throw new NoSuchFileException(file.getPath(), null, "image file or folder not found");
        }
        reset();
        m_sourceFile = file;
        m_File = file.getPath();
        imagesFolder = imagesFolderOf(file);
    }

    @Override
    public void reset() throws IOException {
        data = null;
        m_structure = null;
        setRetrieval(NONE);
    }

    /**
     * The images folder of an opened file or folder (see the class description).
     *
     * @param file an image file or a folder
     * @return the images folder, absolute
     */
    public static File imagesFolderOf(File file) {
        File f = file.getAbsoluteFile();
        if (f.isFile()) {
            return f.getParentFile();
        }
        for (String name : IMAGE_FOLDER_NAMES) {
            File sub = new File(f, name);
            if (sub.isDirectory()) {
                return sub;
            }
        }
        return f;
    }

    /**
     * The masks folder for an images folder: {@code masks} when given (a relative path that is no folder in the
     * working directory is taken relative to the images folder's parent), else the first sibling of the images
     * folder named as in {@link #MASK_FOLDER_NAMES}.
     *
     * @param images the images folder
     * @param masks  the masks folder option (empty: search the siblings)
     * @return the masks folder
     * @throws IOException if no masks folder is given and no sibling has one of the names
     */
    public static File masksFolderFor(File images, String masks) throws IOException {
        File parent = images.getAbsoluteFile().getParentFile();
        if (!masks.isEmpty()) {
            File m = new File(masks);
            return m.isAbsolute() || m.isDirectory() || parent == null ? m : new File(parent, masks);
        }
        if (parent != null) {
            for (String name : MASK_FOLDER_NAMES) {
                File m = new File(parent, name);
                if (m.isDirectory() && !m.equals(images.getAbsoluteFile())) {
                    return m;
                }
            }
        }
        throw new NoSuchFileException(images.getPath(), null, "no masks folder next to the images folder (looked "
                + "for a sibling named " + String.join(", ", MASK_FOLDER_NAMES) + " in " + parent + "); set the "
                + "masks folder option (-masks)");
    }

    /**
     * The default relation name for an images folder: {@code pixels-<folder name> [images-location: <absolute
     * path>]}.
     *
     * @param images the images folder
     * @return the relation name
     */
    public static String defaultRelationName(File images) {
        File abs = images.getAbsoluteFile();
        return "pixels-" + abs.getName() + " " + IMAGES_LOCATION_TAG + abs.getPath() + "]";
    }

    /**
     * The images folder recorded in a relation name by {@link #defaultRelationName} (Weka's filters append to
     * relation names, which keeps the record).
     *
     * @param relationName a relation name
     * @return the folder's path, or null when the name records none
     */
    public static String imagesLocation(String relationName) {
        if (relationName == null) {
            return null;
        }
        int at = relationName.indexOf(IMAGES_LOCATION_TAG);
        if (at < 0) {
            return null;
        }
        int from = at + IMAGES_LOCATION_TAG.length();
        int end = relationName.indexOf(']', from);
        return end <= from ? null : relationName.substring(from, end);
    }

    /** Builds the instances of the current source once (see {@link SegmentationArffWriter#toInstances}). */
    private Instances load() throws IOException {
        if (imagesFolder == null) {
            throw new IOException("No source has been specified");
        }
        if (data == null) {
            File masks = masksFolderFor(imagesFolder, masksFolder);
            data = SegmentationArffWriter.toInstances(imagesFolder.toPath(), masks.toPath(), stride, offset,
                    intensity, !nominalId, relationName.isEmpty() ? defaultRelationName(imagesFolder) : relationName);
            m_structure = new Instances(data, 0);
        }
        return data;
    }

    @Override
    public Instances getStructure() throws IOException {
        return new Instances(load(), 0);
    }

    @Override
    public Instances getDataSet() throws IOException {
        if (getRetrieval() == INCREMENTAL) {
            throw new IOException("Cannot mix getting instances in both incremental and batch modes");
        }
        setRetrieval(BATCH);
        return new Instances(load());
    }

    /**
     * Not supported: the loader reads whole folders.
     *
     * @param structure ignored
     * @return never
     * @throws IOException always
     */
    @Override
    public Instance getNextInstance(Instances structure) throws IOException {
        throw new IOException(getClass().getSimpleName() + " can only be used in batch mode");
    }

    // ------------------------------------------------------------------------------------------------- options

    @Override
    public Enumeration<Option> listOptions() {
        Vector<Option> v = new Vector<>();
        v.add(new Option("\tMasks folder (default: the images folder's sibling named label, labels, mask or masks).",
                "masks", 1, "-masks <dir>"));
        v.add(new Option("\tKeep every n-th row and column (default 1).", "stride", 1, "-stride <n>"));
        v.add(new Option("\tFirst sampled row and column, 0 <= offset < stride (default 0).", "offset", 1,
                "-offset <n>"));
        v.add(new Option("\tAdd the pixel intensity attribute (gray value in [0,1]).", "intensity", 0,
                "-intensity"));
        v.add(new Option("\tMake the image id nominal (default: string).", "nominal-id", 0, "-nominal-id"));
        v.add(new Option("\tRelation name (default: pixels-<folder> [images-location: <path>]).", "relation", 1,
                "-relation <name>"));
        return v.elements();
    }

    @Override
    public void setOptions(String[] options) throws Exception {
        setMasksFolder(Utils.getOption("masks", options));
        String s = Utils.getOption("stride", options);
        setStride(s.isEmpty() ? 1 : Integer.parseInt(s));
        s = Utils.getOption("offset", options);
        setOffset(s.isEmpty() ? 0 : Integer.parseInt(s));
        setIntensity(Utils.getFlag("intensity", options));
        setNominalId(Utils.getFlag("nominal-id", options));
        setRelationName(Utils.getOption("relation", options));
    }

    @Override
    public String[] getOptions() {
        List<String> o = new ArrayList<>();
        if (!masksFolder.isEmpty()) {
            Collections.addAll(o, "-masks", masksFolder);
        }
        Collections.addAll(o, "-stride", String.valueOf(stride), "-offset", String.valueOf(offset));
        if (intensity) {
            o.add("-intensity");
        }
        if (nominalId) {
            o.add("-nominal-id");
        }
        if (!relationName.isEmpty()) {
            Collections.addAll(o, "-relation", relationName);
        }
        return o.toArray(new String[0]);
    }

    /** @return tip text */
    public String masksFolderTipText() {
        return "Folder of the masks (same base names as the images; foreground where > 0). Empty: the images "
                + "folder's sibling named label, labels, mask or masks.";
    }

    /** @return the masks folder (empty: the sibling rule) */
    public String getMasksFolder() {
        return masksFolder;
    }

    /** @param v the masks folder (empty or null: the sibling rule) */
    public void setMasksFolder(String v) {
        masksFolder = v == null ? "" : v;
        data = null;
    }

    /** @return tip text */
    public String strideTipText() {
        return "Keep every n-th row and column of each image (1: every pixel); must be at least 1.";
    }

    /** @return the sampling stride */
    public int getStride() {
        return stride;
    }

    /** @param v the sampling stride (checked when the data are loaded) */
    public void setStride(int v) {
        stride = v;
        data = null;
    }

    /** @return tip text */
    public String offsetTipText() {
        return "First sampled row and column (0 <= offset < stride).";
    }

    /** @return the first sampled row and column */
    public int getOffset() {
        return offset;
    }

    /** @param v the first sampled row and column (checked when the data are loaded) */
    public void setOffset(int v) {
        offset = v;
        data = null;
    }

    /** @return tip text */
    public String intensityTipText() {
        return "Add an intensity attribute: the pixel's gray value in [0,1] (QuNetSegmenter ignores it; other "
                + "classifiers can use it).";
    }

    /** @return whether the intensity attribute is added */
    public boolean getIntensity() {
        return intensity;
    }

    /** @param v whether to add the intensity attribute */
    public void setIntensity(boolean v) {
        intensity = v;
        data = null;
    }

    /** @return tip text */
    public String nominalIdTipText() {
        return "Make the image id nominal (one value per image file). Default: a string attribute, so that a "
                + "training folder and a test folder of other images have compatible headers.";
    }

    /** @return whether the image id is nominal */
    public boolean getNominalId() {
        return nominalId;
    }

    /** @param v whether the image id is nominal */
    public void setNominalId(boolean v) {
        nominalId = v;
        data = null;
    }

    /** @return tip text */
    public String relationNameTipText() {
        return "Relation name. Empty: pixels-<folder> [images-location: <absolute path>], which tells "
                + "QuNetSegmenter where the images are.";
    }

    /** @return the relation name (empty: the default) */
    public String getRelationName() {
        return relationName;
    }

    /** @param v the relation name (empty or null: the default) */
    public void setRelationName(String v) {
        relationName = v == null ? "" : v;
        data = null;
    }

    /** @return tip text */
    @Override
    public String useRelativePathTipText() {
        return "Not used: the images folder is recorded as an absolute path.";
    }

    @Override
    public String getRevision() {
        return RevisionUtils.extract("$Revision: 1 $");
    }

    /**
     * Prints the per-pixel ARFF of an image file's folder, or of a folder, to standard output (Weka's
     * {@code runFileLoader}).
     *
     * @param args the image file or folder, then the options
     */
    public static void main(String[] args) {
        runFileLoader(new ImageMaskFolderLoader(), args);
    }
}
