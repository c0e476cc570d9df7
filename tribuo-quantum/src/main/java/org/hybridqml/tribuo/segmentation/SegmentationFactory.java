package org.hybridqml.tribuo.segmentation;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.hybridqml.data.ImageFiles;
import org.hybridqml.data.ImageTensor;
import org.hybridqml.tribuo.segmentation.evaluation.SegmentationEvaluation;
import org.hybridqml.tribuo.segmentation.evaluation.SegmentationEvaluator;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableOutputInfo;
import org.tribuo.OutputFactory;
import org.tribuo.evaluation.Evaluator;
import org.tribuo.protos.core.OutputFactoryProto;
import org.tribuo.provenance.OutputFactoryProvenance;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tribuo {@link OutputFactory} for binary segmentation: makes {@link SegmentationMask}s, segmentation infos and the
 * {@link SegmentationEvaluator}.
 *
 * <p>{@link #generateOutput} accepts:
 * <ul>
 *   <li>a {@link SegmentationMask}, returned as is;</li>
 *   <li>a {@link Path} or {@link File} naming a mask image (PNG, BMP, GIF, JPEG; whatever {@code javax.imageio}
 *       reads): it is read as grayscale scaled to [0, 1] and a pixel is foreground iff its value is above 0.5,
 *       i.e. 8-bit gray &ge; 128 (white = foreground: the lesion in PH2, the cell interior in ISBI-2012);</li>
 *   <li>a string in the encoded form {@code <height>x<width>:<bits>}, one {@code 0}/{@code 1} per pixel in
 *       row-major order, optionally followed by {@code ;p=<p0>,<p1>,...} with one foreground probability per pixel
 *       (the form {@link SegmentationMask#getSerializableForm} writes), e.g. {@code 2x3:010111};</li>
 *   <li>any other string (or object, through {@code toString()}) is taken as the path of a mask image.</li>
 * </ul>
 * Anything else fails with an {@link IllegalArgumentException} (or {@link UncheckedIOException} for an unreadable
 * image) that names the offending value.
 *
 * <p>The factory has no state, so all instances are equal and its protobuf form carries only the class name.
 */
public final class SegmentationFactory implements OutputFactory<SegmentationMask> {
    private static final long serialVersionUID = 1L;

    /** Class name of the background (0) class in infos and metric reports. */
    public static final String BACKGROUND = "background";

    /** Class name of the foreground (1) class in infos and metric reports. */
    public static final String FOREGROUND = "foreground";

    /** Id of the background class in {@link ImmutableSegmentationInfo}. */
    public static final int BACKGROUND_ID = 0;

    /** Id of the foreground class in {@link ImmutableSegmentationInfo}. */
    public static final int FOREGROUND_ID = 1;

    /** The unknown output: the 0 × 0 mask of unlabelled examples. */
    public static final SegmentationMask UNKNOWN_MASK = SegmentationMask.createUnknown();

    /** The 1 × 1 background mask standing for the background class (info domain, metric targets). */
    public static final SegmentationMask BACKGROUND_CLASS = new SegmentationMask(1, 1, new boolean[]{false});

    /** The 1 × 1 foreground mask standing for the foreground class (info domain, metric targets). */
    public static final SegmentationMask FOREGROUND_CLASS = new SegmentationMask(1, 1, new boolean[]{true});

    /** Serializable form of the unknown mask. */
    static final String UNKNOWN_FORM = "UNKNOWN";

    /** Separator between the bits and the probabilities in the encoded form. */
    static final String PROBABILITIES_SEPARATOR = ";p=";

    /** Gray value in [0, 1] above which a mask image pixel is foreground. */
    static final double MASK_IMAGE_THRESHOLD = 0.5;

    private static final Pattern ENCODED = Pattern.compile("(\\d+)x(\\d+):([01]*)(?:;p=(.*))?", Pattern.DOTALL);

    private static final SegmentationEvaluator EVALUATOR = new SegmentationEvaluator();

    /** Creates the factory. */
    public SegmentationFactory() {
    }

    /**
     * Rebuilds the factory from its protobuf form; called reflectively by {@code ProtoUtil.deserialize}.
     *
     * @param version   the proto version, must be 0
     * @param className the class name recorded in the envelope
     * @param message   the payload, which must be empty
     * @return a factory
     * @throws IllegalArgumentException on an unknown version or a non-empty payload
     */
    public static SegmentationFactory deserializeFromProto(int version, String className, Any message) {
        if (version < 0 || version > 0) {
            throw new IllegalArgumentException("Unknown SegmentationFactory proto version " + version
                    + ", this class supports at most version 0");
        }
        if (!message.getValue().equals(ByteString.EMPTY)) {
            throw new IllegalArgumentException("SegmentationFactory proto must have an empty payload, found "
                    + message.getValue().size() + " bytes of " + message.getTypeUrl());
        }
        return new SegmentationFactory();
    }

    /**
     * Writes the factory: class name and version, no payload.
     *
     * @return the proto
     */
    @Override
    public OutputFactoryProto serialize() {
        return OutputFactoryProto.newBuilder()
                .setClassName(SegmentationFactory.class.getName())
                .setVersion(0)
                .build();
    }

    /**
     * Parses a mask from a mask, a mask image path or an encoded string (see the class documentation).
     *
     * @param label the raw response
     * @param <V>   its type
     * @return the mask
     * @throws IllegalArgumentException if the value is null, a malformed encoded mask, or names no file
     * @throws UncheckedIOException     if the file exists but cannot be read as an image
     */
    @Override
    public <V> SegmentationMask generateOutput(V label) {
        if (label == null) {
            throw new IllegalArgumentException("Cannot make a segmentation mask from null");
        }
        if (label instanceof SegmentationMask) {
            return (SegmentationMask) label;
        }
        if (label instanceof Path) {
            return readMaskImage((Path) label);
        }
        if (label instanceof File) {
            return readMaskImage(((File) label).toPath());
        }
        String text = label.toString().trim();
        if (ENCODED.matcher(text).matches()) {
            return parseEncoded(text);
        }
        Path path;
        try {
            path = Paths.get(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is neither an encoded mask "
                    + "(<height>x<width>:<0/1 per pixel>) nor a valid file path", e);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is neither an encoded mask "
                    + "(<height>x<width>:<0/1 per pixel>) nor an existing mask image file");
        }
        return readMaskImage(path);
    }

    /**
     * Reads a mask image: grayscale in [0, 1], foreground iff above 0.5.
     *
     * @param file the image file
     * @return the mask, without probabilities
     * @throws IllegalArgumentException if the file does not exist
     * @throws UncheckedIOException     if it cannot be read as an image
     */
    public static SegmentationMask readMaskImage(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Mask image file not found: " + file);
        }
        ImageTensor image;
        try {
            image = ImageFiles.read(file, 1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read mask image " + file + ": " + e.getMessage(), e);
        }
        float[] gray = image.data();
        boolean[] fg = new boolean[gray.length];
        for (int i = 0; i < gray.length; i++) {
            fg[i] = gray[i] > MASK_IMAGE_THRESHOLD;
        }
        return new SegmentationMask(image.height(), image.width(), fg);
    }

    /**
     * Parses the encoded form {@code <height>x<width>:<bits>[;p=<p0>,...]}.
     *
     * @param text the encoded mask
     * @return the mask
     * @throws IllegalArgumentException if the text is malformed or the counts do not match the size
     */
    public static SegmentationMask parseEncoded(String text) {
        Matcher m = ENCODED.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("Not an encoded mask (<height>x<width>:<0/1 per pixel>[;p=...]): '"
                    + abbreviate(text) + "'");
        }
        int height;
        int width;
        try {
            height = Integer.parseInt(m.group(1));
            width = Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Mask size out of range in '" + abbreviate(text) + "'", e);
        }
        String bits = m.group(3);
        long pixels = (long) height * width;
        if (bits.length() != pixels) {
            throw new IllegalArgumentException("Encoded mask " + height + "x" + width + " needs " + pixels
                    + " bits, found " + bits.length());
        }
        boolean[] fg = new boolean[bits.length()];
        for (int i = 0; i < fg.length; i++) {
            fg[i] = bits.charAt(i) == '1';
        }
        float[] probabilities = null;
        if (m.group(4) != null) {
            String[] parts = m.group(4).split(",", -1);
            if (parts.length != pixels) {
                throw new IllegalArgumentException("Encoded mask " + height + "x" + width + " needs " + pixels
                        + " probabilities, found " + parts.length);
            }
            probabilities = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    probabilities[i] = Float.parseFloat(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Probability " + i + " of the encoded mask is not a number: '"
                            + abbreviate(parts[i]) + "'", e);
                }
            }
        }
        return new SegmentationMask(height, width, fg, probabilities);
    }

    /**
     * The unknown output, {@link #UNKNOWN_MASK}.
     *
     * @return the 0 × 0 mask
     */
    @Override
    public SegmentationMask getUnknownOutput() {
        return UNKNOWN_MASK;
    }

    /**
     * A fresh info to observe training masks with.
     *
     * @return an empty {@link MutableSegmentationInfo}
     */
    @Override
    public MutableOutputInfo<SegmentationMask> generateInfo() {
        return new MutableSegmentationInfo();
    }

    /**
     * An info for a model trained outside Tribuo. The mapping, if not empty, must send
     * {@link #BACKGROUND_CLASS} to {@value #BACKGROUND_ID} and {@link #FOREGROUND_CLASS} to
     * {@value #FOREGROUND_ID}; pixel counts are unknown and left at zero.
     *
     * @param mapping class mask to id
     * @return an immutable info with no observations
     * @throws IllegalArgumentException if the mapping is not a bijection onto ids or uses other ids or masks
     */
    @Override
    public ImmutableOutputInfo<SegmentationMask> constructInfoForExternalModel(Map<SegmentationMask, Integer> mapping) {
        OutputFactory.validateMapping(mapping);
        for (Map.Entry<SegmentationMask, Integer> e : mapping.entrySet()) {
            int expected;
            if (e.getKey().equals(BACKGROUND_CLASS)) {
                expected = BACKGROUND_ID;
            } else if (e.getKey().equals(FOREGROUND_CLASS)) {
                expected = FOREGROUND_ID;
            } else {
                throw new IllegalArgumentException("Segmentation ids are defined for the class masks "
                        + "BACKGROUND_CLASS and FOREGROUND_CLASS only, found " + e.getKey());
            }
            if (e.getValue() != expected) {
                throw new IllegalArgumentException("Segmentation requires " + BACKGROUND + " to have id "
                        + BACKGROUND_ID + " and " + FOREGROUND + " id " + FOREGROUND_ID + ", found "
                        + e.getKey() + " -> " + e.getValue());
            }
        }
        return new MutableSegmentationInfo().generateImmutableOutputInfo();
    }

    /**
     * The segmentation evaluator (IoU, Dice, soft IoU, pixel accuracy, ...).
     *
     * @return the shared evaluator
     */
    @Override
    public Evaluator<SegmentationMask, SegmentationEvaluation> getEvaluator() {
        return EVALUATOR;
    }

    /**
     * The output class, for protobuf deserialization checks.
     *
     * @return {@code SegmentationMask.class}
     */
    @Override
    public Class<SegmentationMask> getTypeWitness() {
        return SegmentationMask.class;
    }

    /**
     * Constant: all factories are equal.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return "SegmentationFactory".hashCode();
    }

    /**
     * All segmentation factories are equal.
     *
     * @param obj another object
     * @return true if it is a {@code SegmentationFactory}
     */
    @Override
    public boolean equals(Object obj) {
        return obj instanceof SegmentationFactory;
    }

    /**
     * Readable name.
     *
     * @return "SegmentationFactory"
     */
    @Override
    public String toString() {
        return "SegmentationFactory";
    }

    /**
     * The factory's provenance (it has no configuration).
     *
     * @return a {@link SegmentationFactoryProvenance}
     */
    @Override
    public OutputFactoryProvenance getProvenance() {
        return new SegmentationFactoryProvenance();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /**
     * Provenance of a {@link SegmentationFactory}: only its class name, since the factory has no configuration.
     */
    public static final class SegmentationFactoryProvenance implements OutputFactoryProvenance {
        private static final long serialVersionUID = 1L;

        /** Creates the provenance. */
        SegmentationFactoryProvenance() {
        }

        /**
         * Rebuilds the provenance from its marshalled form (which holds nothing beyond the class name).
         *
         * @param map the marshalled fields, ignored
         */
        public SegmentationFactoryProvenance(Map<String, Provenance> map) {
        }

        /**
         * The factory class.
         *
         * @return {@code SegmentationFactory}'s class name
         */
        @Override
        public String getClassName() {
            return SegmentationFactory.class.getName();
        }

        /**
         * Readable form.
         *
         * @return the provenance as text
         */
        @Override
        public String toString() {
            return generateString("OutputFactory");
        }

        /**
         * All such provenances are equal.
         *
         * @param other another object
         * @return true if it is a {@code SegmentationFactoryProvenance}
         */
        @Override
        public boolean equals(Object other) {
            return other instanceof SegmentationFactoryProvenance;
        }

        /**
         * Constant hash.
         *
         * @return the hash code
         */
        @Override
        public int hashCode() {
            return 31;
        }
    }
}
