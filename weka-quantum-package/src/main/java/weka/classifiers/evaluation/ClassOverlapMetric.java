package weka.classifiers.evaluation;

import weka.core.Instance;

import java.util.List;

/**
 * Base of the per-class overlap plugin metrics ({@link ClassIoU}, {@link ClassDice}): one statistic, named as the
 * metric (Weka shows an information-retrieval plugin metric's column in "Detailed Accuracy By Class" only when both
 * the metric name and the statistic name are among the metrics to display, and it lists the statistic names), with
 * its value for each class and the class-weighted average in the "Weighted Avg." row. The values are computed from
 * the evaluation's own (instance-weighted) confusion matrix by the engine-neutral
 * {@link org.hybridqml.metrics.ClassOverlap}.
 */
public abstract class ClassOverlapMetric extends AbstractEvaluationMetric
        implements InformationRetrievalEvaluationMetric {

    private static final long serialVersionUID = 1L;

    /**
     * @param confusion confusion[actual][predicted]
     * @param classIndex the class
     * @return the statistic of that class
     */
    protected abstract double value(double[][] confusion, int classIndex);

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
    public List<String> getStatisticNames() {
        return List.of(getMetricName());
    }

    @Override
    public void updateStatsForClassifier(double[] predictedDistribution, Instance instance) {
        // computed from the base evaluation's confusion matrix
    }

    private void checkName(String name) {
        if (!getMetricName().equals(name)) {
            throw new IllegalArgumentException("Unknown statistic '" + name + "' of " + getMetricName()
                    + "; known: " + getStatisticNames());
        }
    }

    @Override
    public double getStatistic(String name, int classIndex) {
        checkName(name);
        return value(m_baseEvaluation.confusionMatrix(), classIndex);
    }

    @Override
    public double getClassWeightedAverageStatistic(String name) {
        checkName(name);
        double[][] confusion = m_baseEvaluation.confusionMatrix();
        double sum = 0;
        double total = 0;
        for (int k = 0; k < confusion.length; k++) {
            double n = 0;
            for (double v : confusion[k]) {
                n += v;
            }
            if (n > 0) {
                sum += n * value(confusion, k);
                total += n;
            }
        }
        return total == 0 ? Double.NaN : sum / total;
    }

    /** @return the class-weighted average of the statistic */
    @Override
    public double getStatistic(String name) {
        return getClassWeightedAverageStatistic(name);
    }
}
