package weka.classifiers.evaluation;

import org.hybridqml.metrics.ClassOverlap;
import weka.core.Instance;
import weka.core.Utils;

import java.util.List;

/**
 * Plugin evaluation metric (registered in the package's {@code PluginManager.props}) that adds the unweighted means
 * over the classes of the per-class IoU and Dice ({@link ClassIoU}, {@link ClassDice}) to Weka's summary of a
 * segmentation evaluation (where {@link OverlapMetricsApplicability} says they apply):
 * "Mean IoU (mIoU)" and "Mean Dice". For per-pixel segmentation data with classes {background, foreground} this is
 * the usual mean IoU of the two classes, pooled over all evaluated pixels.
 */
public class MeanIoUDice extends AbstractEvaluationMetric implements StandardEvaluationMetric {

    private static final long serialVersionUID = 1L;

    /** Statistic name of the mean IoU. */
    public static final String MEAN_IOU = "Mean IoU";
    /** Statistic name of the mean Dice. */
    public static final String MEAN_DICE = "Mean Dice";

    /** @return whether this evaluation is one the overlap metrics apply to ({@link OverlapMetricsApplicability}) */
    @Override
    public boolean appliesToNominalClass() {
        return OverlapMetricsApplicability.applies(m_baseEvaluation);
    }

    @Override
    public boolean appliesToNumericClass() {
        return false;
    }

    @Override
    public String getMetricName() {
        return "Mean IoU and Dice";
    }

    @Override
    public String getMetricDescription() {
        return "Unweighted mean over the classes of the IoU and of the Dice coefficient";
    }

    @Override
    public List<String> getStatisticNames() {
        return List.of(MEAN_IOU, MEAN_DICE);
    }

    @Override
    public void updateStatsForClassifier(double[] predictedDistribution, Instance instance) {
        // computed from the base evaluation's confusion matrix
    }

    @Override
    public void updateStatsForPredictor(double predictedValue, Instance instance) {
        // nominal classes only
    }

    @Override
    public double getStatistic(String name) {
        double[][] confusion = m_baseEvaluation.confusionMatrix();
        return switch (name) {
            case MEAN_IOU -> ClassOverlap.meanIou(confusion);
            case MEAN_DICE -> ClassOverlap.meanDice(confusion);
            default -> throw new IllegalArgumentException("Unknown statistic '" + name + "' of " + getMetricName()
                    + "; known: " + getStatisticNames());
        };
    }

    @Override
    public String toSummaryString() {
        return line("Mean IoU (mIoU, over classes)", getStatistic(MEAN_IOU))
                + line("Mean Dice (over classes)", getStatistic(MEAN_DICE));
    }

    private static String line(String label, double value) {
        return Utils.padRight(label, 35) + Utils.doubleToString(value, 12, 4) + "\n";
    }
}
