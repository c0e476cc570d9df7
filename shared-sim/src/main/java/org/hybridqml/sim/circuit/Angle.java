package org.hybridqml.sim.circuit;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where a gate's rotation angle comes from: a trainable parameter, an input feature, or a constant.
 * Parameters and inputs are multiplied by a scale factor (e.g. π for the QuFeX encoding RY(π·x)).
 */
public final class Angle implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The kind of angle source. */
    public enum Source {
        /** A trainable parameter, shared by every sample of a batch. */
        PARAMETER,
        /** An input feature of the sample. */
        INPUT,
        /** A fixed value. */
        CONSTANT
    }

    private final Source source;
    private final int index;
    private final double scale;

    private Angle(Source source, int index, double scale) {
        this.source = source;
        this.index = index;
        this.scale = scale;
    }

    /**
     * A trainable parameter angle θ = params[index].
     *
     * @param index parameter index, &ge; 0
     * @return the angle
     */
    public static Angle param(int index) {
        return param(index, 1.0);
    }

    /**
     * A scaled trainable parameter angle θ = scale·params[index].
     *
     * @param index parameter index, &ge; 0
     * @param scale scale factor
     * @return the angle
     */
    public static Angle param(int index, double scale) {
        checkIndex(index, "parameter");
        return new Angle(Source.PARAMETER, index, checkFinite(scale));
    }

    /**
     * An input feature angle θ = scale·x[index].
     *
     * @param index feature index, &ge; 0
     * @param scale scale factor
     * @return the angle
     */
    public static Angle input(int index, double scale) {
        checkIndex(index, "input feature");
        return new Angle(Source.INPUT, index, checkFinite(scale));
    }

    /**
     * A constant angle.
     *
     * @param value the angle in radians
     * @return the angle
     */
    public static Angle constant(double value) {
        return new Angle(Source.CONSTANT, -1, checkFinite(value));
    }

    private static void checkIndex(int index, String what) {
        if (index < 0) {
            throw new IllegalArgumentException("Negative " + what + " index " + index);
        }
    }

    private static double checkFinite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("Angle scale/value must be finite, got " + v);
        }
        return v;
    }

    /** @return the kind of source */
    public Source source() {
        return source;
    }

    /** @return the parameter or feature index, -1 for a constant */
    public int index() {
        return index;
    }

    /** @return the scale factor for parameters and inputs; the value for a constant */
    public double scale() {
        return scale;
    }

    /**
     * Evaluates the angle.
     *
     * @param params trainable parameters
     * @param inputs the sample's input features
     * @return the angle in radians
     */
    public double value(double[] params, double[] inputs) {
        switch (source) {
            case PARAMETER:
                return scale * params[index];
            case INPUT:
                return scale * inputs[index];
            default:
                return scale;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Angle)) {
            return false;
        }
        Angle a = (Angle) o;
        return source == a.source && index == a.index && Double.compare(scale, a.scale) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, index, scale);
    }

    @Override
    public String toString() {
        switch (source) {
            case PARAMETER:
                return (scale == 1.0 ? "" : scale + "·") + "θ" + index;
            case INPUT:
                return (scale == 1.0 ? "" : scale + "·") + "x" + index;
            default:
                return Double.toString(scale);
        }
    }
}
