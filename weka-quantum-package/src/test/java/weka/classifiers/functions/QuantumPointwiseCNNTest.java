package weka.classifiers.functions;

import junit.framework.Test;
import junit.framework.TestSuite;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.AbstractClassifierTest;
import weka.classifiers.CheckClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;

/**
 * Weka's standard classifier checks ({@code CheckClassifier}, {@code CheckOptionHandler}, {@code CheckGOE}) and the
 * regression reference ({@code src/test/resources/wekarefs/weka/classifiers/functions/QuantumPointwiseCNNTest.ref};
 * delete it and run the test once to regenerate it) for {@link QuantumPointwiseCNN} on 4x4 one-channel "images": the
 * generated test data get 16 numeric attributes (one per pixel), and the network is kept tiny (2 filters, so a
 * one-qubit pointwise circuit, one epoch).
 *
 * <p>Two of Weka's checks give their second data set one more numeric attribute than the first, which an image
 * classifier of fixed size must reject (that error is tested in {@link QuantumPointwiseCNNImagesTest}); the tester
 * here runs them on image-shaped data instead: the test-class-value check with one attribute fewer (so both of its
 * data sets have 16), and the build-initialisation check with a second training set of the same shape but three
 * classes instead of two (a rebuild on the first set must then give exactly the first results again).
 */
public class QuantumPointwiseCNNTest extends AbstractClassifierTest {

    /** @param name the test name */
    public QuantumPointwiseCNNTest(String name) {
        super(name);
    }

    @Override
    public Classifier getClassifier() {
        QuantumPointwiseCNN c = new QuantumPointwiseCNN();
        c.setImageWidth(4);
        c.setImageHeight(4);
        c.setConvChannels(2);
        c.setCircuits(1);
        c.setQuantumLayers(1);
        c.setEpochs(1);
        c.setMiniBatchSize(8);
        return c;
    }

    /** The generated data sets have one numeric attribute per pixel of the 4x4 image. */
    @Override
    protected CheckClassifier getTester() {
        CheckClassifier t = new ImageShapedChecks();
        t.setSilent(true);
        t.setClassifier(m_Classifier);
        t.setNumInstances(20);
        t.setDebug(DEBUG);
        t.setPostProcessor(getPostProcessor());
        t.setNumNumeric(16);
        return t;
    }

    /** CheckClassifier whose structure-changing checks keep the image shape (see the class description). */
    static final class ImageShapedChecks extends CheckClassifier {

        @Override
        protected boolean[] doesntUseTestClassVal(boolean nominal, boolean numeric, boolean string, boolean date,
                                                  boolean relational, boolean multiInstance, int classType) {
            setNumNumeric(getNumNumeric() - 1);
            try {
                return super.doesntUseTestClassVal(nominal, numeric, string, date, relational, multiInstance,
                        classType);
            } finally {
                setNumNumeric(getNumNumeric() + 1);
            }
        }

        @Override
        protected boolean[] correctBuildInitialisation(boolean nominal, boolean numeric, boolean string,
                                                       boolean date, boolean relational, boolean multiInstance,
                                                       int classType) {
            boolean[] result = new boolean[2];
            try {
                int pixels = numeric ? getNumNumeric() : 0;
                Instances train1 = makeTestDataset(42, getNumInstances(), 0, pixels, 0, 0, 0, 2, classType,
                        multiInstance);
                Instances test1 = makeTestDataset(24, getNumInstances(), 0, pixels, 0, 0, 0, 2, classType,
                        multiInstance);
                Instances train2 = makeTestDataset(84, getNumInstances(), 0, pixels, 0, 0, 0, 3, classType,
                        multiInstance);
                Classifier c = AbstractClassifier.makeCopies(getClassifier(), 1)[0];
                Evaluation first = new Evaluation(train1);
                Evaluation again = new Evaluation(train1);
                c.buildClassifier(train1);
                first.evaluateModel(c, test1);
                c.buildClassifier(train2);
                c.buildClassifier(train1);
                again.evaluateModel(c, test1);
                result[0] = first.equals(again);
            } catch (Exception e) {
                result[0] = false;
            }
            return result;
        }
    }

    /** @return the JUnit 3 suite */
    public static Test suite() {
        return new TestSuite(QuantumPointwiseCNNTest.class);
    }
}
