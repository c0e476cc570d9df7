package org.hybridqml.sim.draw;

import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a drawing, shared by the text and SVG renderers. The amplitude embedding, if any, is column 0 and
 * spans every wire; then each operation goes, greedily and in application order, into the first column after the last
 * one used by any wire it occupies. A two-qubit gate occupies every wire from its lower to its upper wire, so a
 * CNOT(0,2) keeps wire 1 out of its column (the vertical connector crosses it).
 */
final class CircuitLayout {

    /** What a cell shows on its wire. */
    enum Mark {
        /** A labelled box: a single-qubit gate or the amplitude embedding. */
        BOX,
        /** A control dot (CNOT control, both ends of a CZ). */
        CONTROL,
        /** A CNOT target ⊕. */
        TARGET,
        /** One end of a SWAP ×. */
        SWAP,
        /** A wire that a two-qubit gate's connector crosses. */
        PASS
    }

    /** Where a cell sits on a vertical connector. */
    enum Link {
        /** No connector: the cell's column item is on this wire only. */
        NONE,
        /** Upper end of a connector. */
        TOP,
        /** Between the ends. */
        MIDDLE,
        /** Lower end of a connector. */
        BOTTOM
    }

    /**
     * One wire's item in one column.
     *
     * @param mark  what it shows
     * @param link  its place on a connector
     * @param label the box label (null for the other marks)
     */
    record Cell(Mark mark, Link link, String label) {
    }

    /**
     * One column: a cell per wire, null where the wire just passes.
     *
     * @param cells     cells by wire
     * @param embedding true for the amplitude-embedding column
     */
    record Column(Cell[] cells, boolean embedding) {
    }

    private CircuitLayout() {
    }

    /**
     * Lays out a circuit.
     *
     * @param c      the circuit
     * @param labels the labels to use
     * @return the columns, left to right
     */
    static List<Column> columns(Circuit c, Labels labels) {
        int n = c.numQubits();
        List<Column> columns = new ArrayList<>();
        if (c.amplitudeEmbedding() != null) {
            String label = labels.embedding(c.amplitudeEmbedding());
            Cell[] cells = new Cell[n];
            for (int w = 0; w < n; w++) {
                cells[w] = new Cell(Mark.BOX, link(w, 0, n - 1), label);
            }
            columns.add(new Column(cells, true));
        }
        int first = columns.size();
        int[] nextFree = new int[n];
        for (Operation op : c.operations()) {
            int lo = op.wire(0);
            int hi = op.wire(0);
            for (int w : op.wires()) {
                lo = Math.min(lo, w);
                hi = Math.max(hi, w);
            }
            int col = 0;
            for (int w = lo; w <= hi; w++) {
                col = Math.max(col, nextFree[w]);
            }
            while (columns.size() <= first + col) {
                columns.add(new Column(new Cell[n], false));
            }
            Cell[] cells = columns.get(first + col).cells();
            if (op.gate().numWires() == 1) {
                cells[lo] = new Cell(Mark.BOX, Link.NONE, labels.gate(op));
            } else {
                Mark[] ends = switch (op.gate()) {
                    case CNOT -> new Mark[]{Mark.CONTROL, Mark.TARGET};
                    case CZ -> new Mark[]{Mark.CONTROL, Mark.CONTROL};
                    default -> new Mark[]{Mark.SWAP, Mark.SWAP};
                };
                for (int w = lo + 1; w < hi; w++) {
                    cells[w] = new Cell(Mark.PASS, Link.MIDDLE, null);
                }
                for (int i = 0; i < 2; i++) {
                    cells[op.wire(i)] = new Cell(ends[i], link(op.wire(i), lo, hi), null);
                }
            }
            for (int w = lo; w <= hi; w++) {
                nextFree[w] = col + 1;
            }
        }
        return columns;
    }

    private static Link link(int w, int lo, int hi) {
        if (lo == hi) {
            return Link.NONE;
        }
        return w == lo ? Link.TOP : w == hi ? Link.BOTTOM : Link.MIDDLE;
    }
}
