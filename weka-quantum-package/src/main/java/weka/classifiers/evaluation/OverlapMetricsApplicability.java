package weka.classifiers.evaluation;

import weka.core.Attribute;
import weka.core.Instances;

import java.util.Locale;

/**
 * When the package's IoU/Dice plugin metrics ({@link ClassIoU}, {@link ClassDice}, {@link MeanIoUDice}) take part
 * in an evaluation. Weka 3.8 gives every registered {@link AbstractEvaluationMetric} plugin to every
 * {@link Evaluation} and shows it unless the user deselects it ({@code -toggle}, the Explorer's "Evaluation
 * metrics..." dialog); it prints a plugin's summary line or class-details column only while the plugin
 * {@linkplain AbstractEvaluationMetric#appliesToNominalClass() applies to the nominal class}. The metrics answer
 * that from the evaluation's header, so installing the package leaves the output for other data (J48 on iris, ...)
 * unchanged:
 * <ul>
 *   <li>by default ({@code auto}) they apply to per-pixel segmentation data, as {@code QuNetSegmenter} reads and
 *   {@code SegmentationArffWriter} writes it: a nominal class and numeric attributes named {@code row} and
 *   {@code column}, or a nominal class with a value named {@code foreground};</li>
 *   <li>the Java system property {@value #PROPERTY} switches them on for every nominal-class evaluation
 *   ({@code on}) or off everywhere ({@code off}), e.g. {@code java -Dhybridqml.overlapMetrics=on weka.Run J48 ...}
 *   or in the Explorer's start script.</li>
 * </ul>
 * Where they apply, Weka's own {@code -toggle}/dialog still deselects them.
 */
public final class OverlapMetricsApplicability {

    /** The system property: {@code on}, {@code off} or {@code auto} (the default). */
    public static final String PROPERTY = "hybridqml.overlapMetrics";

    private OverlapMetricsApplicability() {
    }

    /**
     * @param evaluation the evaluation the metric belongs to (null before Weka sets it)
     * @return whether the overlap metrics apply to it
     */
    public static boolean applies(Evaluation evaluation) {
        String mode = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "on":
            case "true":
                return true;
            case "off":
            case "false":
                return false;
            default:
                return evaluation != null && isSegmentationHeader(evaluation.getHeader());
        }
    }

    /**
     * @param header a data set's header (may be null)
     * @return whether it describes per-pixel segmentation data (see the class description)
     */
    public static boolean isSegmentationHeader(Instances header) {
        if (header == null || header.classIndex() < 0 || !header.classAttribute().isNominal()) {
            return false;
        }
        Attribute cls = header.classAttribute();
        if (cls.indexOfValue("foreground") >= 0) {
            return true;
        }
        return isNumeric(header, "row") && isNumeric(header, "column");
    }

    private static boolean isNumeric(Instances header, String name) {
        for (int i = 0; i < header.numAttributes(); i++) {
            Attribute a = header.attribute(i);
            if (i != header.classIndex() && a.isNumeric() && a.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
