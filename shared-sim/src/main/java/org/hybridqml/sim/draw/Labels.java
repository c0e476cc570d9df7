package org.hybridqml.sim.draw;

import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Gate;
import org.hybridqml.sim.circuit.Observable;
import org.hybridqml.sim.circuit.Operation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * The words of a drawing: gate and angle labels, the amplitude-embedding label and observable names, either symbolic
 * (θ3, π·x0) or with bound values (three decimals, scale applied), in Unicode or ASCII.
 */
final class Labels {
    /** Denominators tried when a scale or constant is shown as a rational multiple of π. */
    private static final int[] PI_DENOMINATORS = {1, 2, 3, 4, 6, 8};

    private final boolean ascii;
    private final double[] params;
    private final double[] input;

    /**
     * @param c      the circuit the values belong to
     * @param ascii  ASCII words (p3, pi, *, &lt;Z&gt;) instead of Unicode (θ3, π, ·, ⟨Z⟩)
     * @param params trainable parameters, or null for symbols
     * @param input  input features, or null for symbols
     * @throws IllegalArgumentException if a non-null array has the wrong length or a non-finite value
     */
    Labels(Circuit c, boolean ascii, double[] params, double[] input) {
        this.ascii = ascii;
        this.params = checked(params, c.numParameters(), "params", "trainable parameters");
        this.input = checked(input, c.numInputs(), "input", "input features");
    }

    private static double[] checked(double[] values, int expected, String name, String what) {
        if (values == null) {
            return null;
        }
        if (values.length != expected) {
            throw new IllegalArgumentException(name + " has " + values.length + " values but the circuit has "
                    + expected + " " + what + " (expected length " + expected + ")");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is not finite: " + values[i]);
            }
        }
        return values.clone();
    }

    /**
     * @param op a gate application
     * @return its label: the gate name, with its angles in parentheses when it has any
     */
    String gate(Operation op) {
        String name = switch (op.gate()) {
            case ROT -> "Rot";
            case PHASE_SHIFT -> "P";
            default -> op.gate().name();
        };
        if (op.numAngles() == 0) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < op.numAngles(); i++) {
            sb.append(i > 0 ? "," : "").append(angle(op.angle(i)));
        }
        return sb.append(')').toString();
    }

    /**
     * @param a an angle
     * @return its value to three decimals when bound, otherwise its symbol with the scale (π·x3, 0.5·θ2, π/2)
     */
    String angle(Angle a) {
        switch (a.source()) {
            case PARAMETER:
                return params != null ? fixed(a.value(params, null)) : scaled(a.scale(), (ascii ? "p" : "θ") + a.index());
            case INPUT:
                return input != null ? fixed(a.value(null, input)) : scaled(a.scale(), "x" + a.index());
            default:
                return params != null || input != null ? fixed(a.scale()) : number(a.scale());
        }
    }

    /**
     * @param e the embedding
     * @return |ψ(x0..x3)⟩ (ASCII |psi(x0..x3)&gt;), or |ψ(x2)⟩ for a single feature
     */
    String embedding(Circuit.AmplitudeEmbedding e) {
        int last = e.firstFeature() + e.length() - 1;
        String range = "x" + e.firstFeature() + (e.length() > 1 ? ".." + "x" + last : "");
        return ascii ? "|psi(" + range + ")>" : "|ψ(" + range + ")⟩";
    }

    /**
     * @param o an observable
     * @return ⟨Z⟩ or ⟨X⟩ (ASCII &lt;Z&gt;, &lt;X&gt;)
     */
    String observable(Observable o) {
        return ascii ? "<" + o.pauli() + ">" : "⟨" + o.pauli() + "⟩";
    }

    private String scaled(double scale, String symbol) {
        if (scale == 1.0) {
            return symbol;
        }
        if (scale == -1.0) {
            return "-" + symbol;
        }
        return number(scale) + (ascii ? "*" : "·") + symbol;
    }

    /**
     * A number as a person would write it: a small rational multiple of π as such (π, π/2, -3π/4), anything else
     * to four significant digits without trailing zeros.
     *
     * @param v a finite number
     * @return its text
     */
    String number(double v) {
        if (v != 0.0) {
            double r = v / Math.PI;
            for (int den : PI_DENOMINATORS) {
                long num = Math.round(r * den);
                if (num != 0 && Math.abs(num * Math.PI / den - v) <= 1e-12 * Math.abs(v)) {
                    String pi = ascii ? "pi" : "π";
                    String coefficient = num == 1 ? "" : num == -1 ? "-" : Long.toString(num);
                    return coefficient + pi + (den == 1 ? "" : "/" + den);
                }
            }
        }
        String s = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private static String fixed(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.equals("-0.000") ? "0.000" : s;
    }
}
