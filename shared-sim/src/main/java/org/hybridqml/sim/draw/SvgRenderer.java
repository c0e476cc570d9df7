package org.hybridqml.sim.draw;

import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.draw.CircuitLayout.Cell;
import org.hybridqml.sim.draw.CircuitLayout.Column;
import org.hybridqml.sim.draw.CircuitLayout.Link;
import org.hybridqml.sim.draw.CircuitLayout.Mark;

import java.util.List;

/** Writes the columns of a drawing as a standalone SVG document by plain string building. */
final class SvgRenderer {
    /** Approximate advance of one character of the 13 px monospace font. */
    private static final int CHAR_WIDTH = 8;
    private static final int WIRE_PITCH = 40;
    private static final int TOP = 30;
    private static final int LEFT = 44;
    private static final int BOX_HEIGHT = 26;
    private static final int GAP = 14;
    private static final String STROKE = "stroke=\"black\" stroke-width=\"1.5\"";

    private SvgRenderer() {
    }

    /**
     * @param c       the circuit
     * @param labels  its labels (Unicode)
     * @param columns its layout
     * @return the SVG document
     */
    static String render(Circuit c, Labels labels, List<Column> columns) {
        int n = c.numQubits();
        int[] centres = new int[columns.size()];
        int x = LEFT + GAP;
        for (int j = 0; j < columns.size(); j++) {
            int width = 0;
            for (Cell cell : columns.get(j).cells()) {
                width = Math.max(width, cell == null ? 0 : cellWidth(cell));
            }
            centres[j] = x + width / 2;
            x += width + GAP;
        }
        String[] observables = CircuitDrawing.observablesByWire(c, labels);
        int measureWidth = 0;
        for (String o : observables) {
            measureWidth = Math.max(measureWidth, o.isEmpty() ? 0 : boxWidth(o));
        }
        int wireEnd = x;
        int width = wireEnd + measureWidth + GAP;
        int height = y(n - 1) + TOP;

        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"monospace\" font-size=\"13\">\n");
        sb.append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" fill=\"white\"/>\n");
        for (int w = 0; w < n; w++) {
            text(sb, 8, y(w), "start", "q" + w);
            line(sb, LEFT, y(w), wireEnd, y(w));
        }
        for (int j = 0; j < columns.size(); j++) {
            Column col = columns.get(j);
            if (col.embedding()) {
                Cell cell = col.cells()[0];
                int bw = boxWidth(cell.label());
                int top = y(0) - BOX_HEIGHT / 2;
                rect(sb, "embedding", centres[j] - bw / 2, top, bw, y(n - 1) + BOX_HEIGHT / 2 - top);
                text(sb, centres[j], (y(0) + y(n - 1)) / 2, "middle", cell.label());
                continue;
            }
            connectors(sb, col.cells(), centres[j]);
            for (int w = 0; w < n; w++) {
                Cell cell = col.cells()[w];
                if (cell != null) {
                    mark(sb, cell, centres[j], y(w));
                }
            }
        }
        for (int w = 0; w < n; w++) {
            if (!observables[w].isEmpty()) {
                int bw = boxWidth(observables[w]);
                rect(sb, "measure", wireEnd, y(w) - BOX_HEIGHT / 2, bw, BOX_HEIGHT);
                text(sb, wireEnd + bw / 2, y(w), "middle", observables[w]);
            }
        }
        return sb.append("</svg>\n").toString();
    }

    private static int y(int wire) {
        return TOP + WIRE_PITCH * wire;
    }

    private static int boxWidth(String label) {
        return Math.max(BOX_HEIGHT, CHAR_WIDTH * label.length() + 12);
    }

    private static int cellWidth(Cell cell) {
        return cell.mark() == Mark.BOX ? boxWidth(cell.label()) : 22;
    }

    /** Draws a vertical line from each TOP cell down to the next BOTTOM cell. */
    private static void connectors(StringBuilder sb, Cell[] cells, int x) {
        int top = -1;
        for (int w = 0; w < cells.length; w++) {
            if (cells[w] == null) {
                continue;
            }
            if (cells[w].link() == Link.TOP) {
                top = w;
            } else if (cells[w].link() == Link.BOTTOM) {
                line(sb, x, y(top), x, y(w));
            }
        }
    }

    private static void mark(StringBuilder sb, Cell cell, int x, int y) {
        switch (cell.mark()) {
            case BOX -> {
                int bw = boxWidth(cell.label());
                rect(sb, "gate", x - bw / 2, y - BOX_HEIGHT / 2, bw, BOX_HEIGHT);
                text(sb, x, y, "middle", cell.label());
            }
            case CONTROL -> sb.append("<circle class=\"control\" cx=\"").append(x).append("\" cy=\"").append(y)
                    .append("\" r=\"4\" fill=\"black\"/>\n");
            case TARGET -> {
                sb.append("<circle class=\"target\" cx=\"").append(x).append("\" cy=\"").append(y)
                        .append("\" r=\"10\" fill=\"white\" ").append(STROKE).append("/>\n");
                line(sb, x - 10, y, x + 10, y);
                line(sb, x, y - 10, x, y + 10);
            }
            case SWAP -> {
                line(sb, x - 6, y - 6, x + 6, y + 6);
                line(sb, x - 6, y + 6, x + 6, y - 6);
            }
            default -> {
                // A crossed wire: the connector line already passes over it.
            }
        }
    }

    private static void line(StringBuilder sb, int x1, int y1, int x2, int y2) {
        sb.append("<line x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"").append(x2)
                .append("\" y2=\"").append(y2).append("\" ").append(STROKE).append("/>\n");
    }

    private static void rect(StringBuilder sb, String cls, int x, int y, int w, int h) {
        sb.append("<rect class=\"").append(cls).append("\" x=\"").append(x).append("\" y=\"").append(y)
                .append("\" width=\"").append(w).append("\" height=\"").append(h).append("\" rx=\"3\" fill=\"white\" ")
                .append(STROKE).append("/>\n");
    }

    private static void text(StringBuilder sb, int x, int y, String anchor, String s) {
        sb.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" text-anchor=\"").append(anchor)
                .append("\" dominant-baseline=\"central\">").append(escape(s)).append("</text>\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
