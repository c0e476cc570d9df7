package org.hybridqml.sim.draw;

import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Observable;
import org.hybridqml.sim.draw.CircuitLayout.Cell;
import org.hybridqml.sim.draw.CircuitLayout.Column;

import java.util.ArrayList;
import java.util.List;

/**
 * Text and SVG drawings of a {@link Circuit}, in the manner of PennyLane's {@code qml.draw}: one row per wire, gates
 * in columns (a gate goes into the first column after the last one used by any wire it occupies; a two-qubit gate
 * occupies the wires between its two wires too, crossed by a vertical connector), the observables at the end of
 * their wires. For example, H on wire 0, CNOT(0, 1), RY(θ0) on wire 0 and ⟨Z⟩ on both wires draw as
 * <pre>
 * q0: ──H─╭●──RY(θ0)─┤ ⟨Z⟩
 * q1: ────╰⊕─────────┤ ⟨Z⟩
 * </pre>
 * Controls are ●, CNOT targets ⊕, CZ is ●–●, SWAP ×–×; Rot(φ,θ,ω) and the phase shift P(φ) show their angles. An
 * amplitude embedding is a leading box on every wire, |ψ(x0..x3)⟩. Angles are symbolic, parameter θi and input xi
 * with their scale when it is not 1 (π·x3, 0.5·θ2), constants as numbers (small multiples of π as such), or, given
 * values, the bound angle (scale applied) to three decimals. {@link Style#ASCII} draws with ASCII characters only,
 * for consoles and model summaries that may lack box-drawing glyphs. Lines longer than a maximum width wrap into
 * blocks of whole columns, ending and starting with an ellipsis (PennyLane's {@code max_length}).
 */
public final class CircuitDrawing {

    /** Default maximum line width of a text drawing, in characters. */
    public static final int DEFAULT_MAX_WIDTH = 100;

    /** Character set of a text drawing. */
    public enum Style {
        /** Box-drawing characters and Greek letters: {@code ─ ╭ ╰ │ ● ⊕ × ┤ ⟨Z⟩ θ π}. */
        UNICODE,
        /** ASCII only: {@code - | * (+) x <Z> |psi(..)> p pi}, parameter i written {@code p}i. */
        ASCII
    }

    private CircuitDrawing() {
    }

    /**
     * A symbolic Unicode drawing, wrapped at {@link #DEFAULT_MAX_WIDTH}.
     *
     * @param c the circuit
     * @return the drawing, one line per wire (per block), no trailing newline
     * @throws IllegalArgumentException if the circuit is null
     */
    public static String text(Circuit c) {
        return text(c, null, null, Style.UNICODE, DEFAULT_MAX_WIDTH);
    }

    /**
     * A symbolic drawing in the given style, wrapped at {@link #DEFAULT_MAX_WIDTH}.
     *
     * @param c     the circuit
     * @param style the character set
     * @return the drawing
     * @throws IllegalArgumentException if the circuit or style is null
     */
    public static String text(Circuit c, Style style) {
        return text(c, null, null, style, DEFAULT_MAX_WIDTH);
    }

    /**
     * A Unicode drawing with bound values, wrapped at {@link #DEFAULT_MAX_WIDTH}.
     *
     * @param c      the circuit
     * @param params the trainable parameters, {@link Circuit#numParameters()} of them, or null to show symbols
     * @param input  one sample's input features, {@link Circuit#numInputs()} of them, or null to show symbols
     * @return the drawing
     * @throws IllegalArgumentException if the circuit is null, or an array has the wrong length (the message names
     *                                  the expected length) or a non-finite value
     */
    public static String text(Circuit c, double[] params, double[] input) {
        return text(c, params, input, Style.UNICODE, DEFAULT_MAX_WIDTH);
    }

    /**
     * A drawing with every option.
     *
     * @param c        the circuit
     * @param params   the trainable parameters, {@link Circuit#numParameters()} of them, or null to show symbols
     * @param input    one sample's input features, {@link Circuit#numInputs()} of them, or null to show symbols
     * @param style    the character set
     * @param maxWidth the maximum line width in characters, &ge; 1 ({@link Integer#MAX_VALUE} never wraps); a block
     *                 always holds at least one column, so a column wider than this still makes a longer line
     * @return the drawing: blocks separated by a blank line, no trailing newline
     * @throws IllegalArgumentException if the circuit or style is null, maxWidth &lt; 1, or an array has the wrong
     *                                  length (the message names the expected length) or a non-finite value
     */
    public static String text(Circuit c, double[] params, double[] input, Style style, int maxWidth) {
        checkCircuit(c);
        if (style == null) {
            throw new IllegalArgumentException("style is null; use Style.UNICODE or Style.ASCII");
        }
        if (maxWidth < 1) {
            throw new IllegalArgumentException("maxWidth must be >= 1, got " + maxWidth);
        }
        boolean ascii = style == Style.ASCII;
        Labels labels = new Labels(c, ascii, params, input);
        return new TextRenderer(c, labels, CircuitLayout.columns(c, labels), ascii).render(maxWidth);
    }

    /**
     * A symbolic standalone SVG drawing.
     *
     * @param c the circuit
     * @return the SVG document
     * @throws IllegalArgumentException if the circuit is null
     */
    public static String svg(Circuit c) {
        return svg(c, null, null);
    }

    /**
     * A standalone SVG drawing (UTF-8 XML, SVG 1.1): wires as lines, single-qubit gates as labelled rectangles
     * ({@code class="gate"}), controls as dots, CNOT targets as ⊕ circles, SWAP ends as crosses, the amplitude
     * embedding as one rectangle over every wire ({@code class="embedding"}) and a measurement box per measured wire
     * ({@code class="measure"}). Labels as in {@link #text(Circuit, double[], double[])}; no wrapping.
     *
     * @param c      the circuit
     * @param params the trainable parameters, {@link Circuit#numParameters()} of them, or null to show symbols
     * @param input  one sample's input features, {@link Circuit#numInputs()} of them, or null to show symbols
     * @return the SVG document
     * @throws IllegalArgumentException if the circuit is null, or an array has the wrong length (the message names
     *                                  the expected length) or a non-finite value
     */
    public static String svg(Circuit c, double[] params, double[] input) {
        checkCircuit(c);
        Labels labels = new Labels(c, false, params, input);
        return SvgRenderer.render(c, labels, CircuitLayout.columns(c, labels));
    }

    private static void checkCircuit(Circuit c) {
        if (c == null) {
            throw new IllegalArgumentException("circuit is null");
        }
    }

    /**
     * @param c      the circuit
     * @param labels the labels
     * @return for each wire, its observables' names separated by a space ("" when the wire is not measured)
     */
    static String[] observablesByWire(Circuit c, Labels labels) {
        String[] out = new String[c.numQubits()];
        java.util.Arrays.fill(out, "");
        for (Observable o : c.observables()) {
            out[o.wire()] = out[o.wire()].isEmpty() ? labels.observable(o) : out[o.wire()] + " " + labels.observable(o);
        }
        return out;
    }

    /** Lays the columns out as text rows and wraps them. */
    private static final class TextRenderer {
        private final int numWires;
        private final List<Column> columns;
        private final String[] observables;
        private final char wire;
        private final String ellipsis;
        private final String end;
        private final boolean ascii;
        private final int[] widths;
        private final int nameWidth;

        TextRenderer(Circuit c, Labels labels, List<Column> columns, boolean ascii) {
            this.numWires = c.numQubits();
            this.columns = columns;
            this.observables = observablesByWire(c, labels);
            this.ascii = ascii;
            this.wire = ascii ? '-' : '─';
            this.ellipsis = ascii ? "..." : "···";
            this.end = ascii ? "| " : "┤ ";
            this.widths = new int[columns.size()];
            for (int j = 0; j < widths.length; j++) {
                int body = 1;
                for (Cell cell : columns.get(j).cells()) {
                    if (cell != null) {
                        body = Math.max(body, body(cell).length());
                    }
                }
                widths[j] = 1 + body;
            }
            this.nameWidth = ("q" + (numWires - 1) + ":").length();
        }

        String render(int maxWidth) {
            int tailWidth = 0;
            for (String o : observables) {
                tailWidth = Math.max(tailWidth, o.isEmpty() ? 0 : end.length() + o.length());
            }
            List<String> blocks = new ArrayList<>();
            int start = 0;
            do {
                int len = nameWidth + 1 + (start > 0 ? ellipsis.length() : 0) + 1;
                int stop = start;
                while (stop < widths.length) {
                    int tail = stop + 1 == widths.length ? tailWidth : ellipsis.length();
                    if (stop > start && len + widths[stop] + 1 + tail > maxWidth) {
                        break;
                    }
                    len += widths[stop] + 1;
                    stop++;
                }
                blocks.add(block(start, stop));
                start = stop;
            } while (start < widths.length);
            return String.join("\n\n", blocks);
        }

        private String block(int from, int to) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < numWires; w++) {
                String name = "q" + w + ":";
                sb.append(name).append(" ".repeat(nameWidth - name.length() + 1));
                if (from > 0) {
                    sb.append(ellipsis);
                }
                sb.append(wire);
                for (int j = from; j < to; j++) {
                    sb.append(cell(columns.get(j).cells()[w], widths[j])).append(wire);
                }
                if (to < widths.length) {
                    sb.append(ellipsis);
                } else if (!observables[w].isEmpty()) {
                    sb.append(end).append(observables[w]);
                }
                if (w + 1 < numWires) {
                    sb.append('\n');
                }
            }
            return sb.toString();
        }

        private String cell(Cell cell, int width) {
            if (cell == null) {
                return String.valueOf(wire).repeat(width);
            }
            String body = cell.mark() == CircuitLayout.Mark.PASS ? "" : body(cell);
            return prefix(cell) + body + String.valueOf(wire).repeat(width - 1 - body.length());
        }

        private char prefix(Cell cell) {
            if (cell.link() == CircuitLayout.Link.NONE) {
                return wire;
            }
            if (ascii) {
                // The embedding's label |psi(..)> already starts with a bar: its rows need no connector.
                return cell.mark() == CircuitLayout.Mark.BOX ? wire : '|';
            }
            return switch (cell.link()) {
                case TOP -> '╭';
                case BOTTOM -> '╰';
                default -> cell.mark() == CircuitLayout.Mark.PASS ? '│' : '├';
            };
        }

        private String body(Cell cell) {
            return switch (cell.mark()) {
                case BOX -> cell.label();
                case CONTROL -> ascii ? "*" : "●";
                case TARGET -> ascii ? "(+)" : "⊕";
                case SWAP -> ascii ? "x" : "×";
                case PASS -> "";
            };
        }
    }
}
