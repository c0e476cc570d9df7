package weka.classifiers.evaluation;

import org.hybridqml.metrics.ClassOverlap;

/**
 * Plugin evaluation metric (registered in the package's {@code PluginManager.props}): the intersection over union
 * {@code IoU = TP/(TP+FP+FN)} of each class as a column "IoU" of Weka's "Detailed Accuracy By Class" table, with the
 * class-weighted average. For a per-pixel segmentation data set (one instance per pixel) it is the segmentation IoU
 * pooled over all evaluated pixels; a class absent from truth and predictions scores 1. The unweighted mean over
 * the classes is printed by {@link MeanIoUDice}.
 */
public class ClassIoU extends ClassOverlapMetric {

    private static final long serialVersionUID = 1L;

    /** The metric's and its statistic's name. */
    public static final String NAME = "IoU";

    @Override
    public String getMetricName() {
        return NAME;
    }

    @Override
    public String getMetricDescription() {
        return "Intersection over union TP/(TP+FP+FN) of each class (Jaccard index)";
    }

    @Override
    protected double value(double[][] confusion, int classIndex) {
        return ClassOverlap.iou(confusion, classIndex);
    }
}
