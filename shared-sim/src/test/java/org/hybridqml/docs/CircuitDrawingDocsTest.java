package org.hybridqml.docs;

import org.hybridqml.circuits.QuFeXCircuits;
import org.hybridqml.demo.DrawPaperCircuits;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.draw.CircuitDrawing;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * {@code docs/circuit-drawings.md} shows what the code draws now: its text blocks, in order, equal
 * {@link DrawPaperCircuits#drawings()}, and each {@code docs/images/<name>.svg} equals the SVG drawing of
 * {@link DrawPaperCircuits#circuits()}. After a change to the drawings, rerun {@code DrawPaperCircuits} and paste its
 * output into the page.
 */
class CircuitDrawingDocsTest {

    private static final Path ROOT = DocSnippets.repositoryRoot();

    @Test
    void textBlocksEqualTheDrawings() throws IOException {
        String doc = read(ROOT.resolve("docs/circuit-drawings.md"));
        assertEquals(new ArrayList<>(DrawPaperCircuits.drawings().values()), textBlocks(doc));
    }

    @Test
    void svgFilesEqualTheDrawings() throws IOException {
        for (Map.Entry<String, Circuit> e : DrawPaperCircuits.circuits().entrySet()) {
            Path svg = ROOT.resolve("docs/images/" + e.getKey() + ".svg");
            assertEquals(CircuitDrawing.svg(e.getValue()), read(svg), svg.toString());
        }
    }

    /** The comparison sees a changed drawing: another circuit's drawing differs from the page's first block. */
    @Test
    void aDifferentDrawingWouldFail() throws IOException {
        String first = textBlocks(read(ROOT.resolve("docs/circuit-drawings.md"))).get(0);
        assertNotEquals(CircuitDrawing.text(QuFeXCircuits.pqc1(6)), first);
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static List<String> textBlocks(String doc) {
        List<String> blocks = new ArrayList<>();
        int at = 0;
        while ((at = doc.indexOf("```text\n", at)) >= 0) {
            int start = at + "```text\n".length();
            int end = doc.indexOf("\n```", start);
            blocks.add(doc.substring(start, end));
            at = end + 4;
        }
        return blocks;
    }
}
