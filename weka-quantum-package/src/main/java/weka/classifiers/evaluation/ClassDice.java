package weka.classifiers.evaluation;

import org.hybridqml.metrics.ClassOverlap;

/**
 * Plugin evaluation metric (registered in the package's {@code PluginManager.props}): the Dice coefficient
 * {@code 2TP/(2TP+FP+FN)} of each class as a column "Dice" of Weka's "Detailed Accuracy By Class" table, with the
 * class-weighted average. It equals the class's F-measure; it is printed under the name segmentation papers use.
 * A class absent from truth and predictions scores 1. The unweighted mean is printed by {@link MeanIoUDice}.
 */
public class ClassDice extends ClassOverlapMetric {

    private static final long serialVersionUID = 1L;

    /** The metric's and its statistic's name. */
    public static final String NAME = "Dice";

    @Override
    public String getMetricName() {
        return NAME;
    }

    @Override
    public String getMetricDescription() {
        return "Dice coefficient 2TP/(2TP+FP+FN) of each class (equals the F-measure)";
    }

    @Override
    protected double value(double[][] confusion, int classIndex) {
        return ClassOverlap.dice(confusion, classIndex);
    }
}
