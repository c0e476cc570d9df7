package org.hybridqml.sim.draw;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.circuits.QuFeXCircuits;
import org.hybridqml.circuits.StronglyEntanglingLayers;
import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Operation;
import org.hybridqml.sim.draw.CircuitDrawing.Style;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Known-answer drawings of small circuits, the layout rules, wrapping, SVG structure and the papers' circuits. */
class CircuitDrawingTest {

    /** H on wire 0, CNOT(0, 1), RY(θ0) on wire 0, ⟨Z⟩ on both wires. */
    private static Circuit bell() {
        return Circuit.builder(2).h(0).cnot(0, 1).ry(0, Angle.param(0)).expectZ(0, 1).build();
    }

    @Test
    void smallCircuitDrawsExactly() {
        assertEquals("""
                q0: ──H─╭●──RY(θ0)─┤ ⟨Z⟩
                q1: ────╰⊕─────────┤ ⟨Z⟩""", CircuitDrawing.text(bell()));
    }

    @Test
    void boundParametersShowThreeDecimals() {
        assertEquals("""
                q0: ──H─╭●──RY(0.500)─┤ ⟨Z⟩
                q1: ────╰⊕────────────┤ ⟨Z⟩""", CircuitDrawing.text(bell(), new double[]{0.5}, null));
    }

    @Test
    void asciiStyleUsesAsciiOnly() {
        String ascii = CircuitDrawing.text(bell(), Style.ASCII);
        assertEquals("""
                q0: --H-|*----RY(p0)-| <Z>
                q1: ----|(+)---------| <Z>""", ascii);
        for (Circuit c : paperCircuits()) {
            String s = CircuitDrawing.text(c, null, null, Style.ASCII, 60);
            assertTrue(s.chars().allMatch(ch -> ch < 128), s);
        }
    }

    @Test
    void gatesOnDisjointWiresShareAColumnAndATwoQubitGateBlocksTheWiresBetween() {
        Circuit c = Circuit.builder(3).h(0).h(1).cnot(0, 2).x(1).expectZ(0).build();
        assertEquals("""
                q0: ──H─╭●────┤ ⟨Z⟩
                q1: ──H─│───X─
                q2: ────╰⊕────""", CircuitDrawing.text(c));
        List<CircuitLayout.Column> cols = CircuitLayout.columns(c, new Labels(c, false, null, null));
        assertEquals(3, cols.size());
        assertEquals("H", cols.get(0).cells()[1].label());
        assertNull(cols.get(0).cells()[2]);
        assertEquals(CircuitLayout.Mark.PASS, cols.get(1).cells()[1].mark());
        assertEquals("X", cols.get(2).cells()[1].label());
    }

    @Test
    void czSwapRotPhaseAndConstantsDraw() {
        Circuit c = Circuit.builder(2)
                .cz(0, 1).swap(1, 0)
                .rot(0, Angle.param(0), Angle.param(1, 0.5), Angle.constant(Math.PI / 2))
                .phaseShift(1, Angle.constant(0.3))
                .expectX(1).build();
        assertEquals("""
                q0: ─╭●─╭×──Rot(θ0,0.5·θ1,π/2)─
                q1: ─╰●─╰×──P(0.3)─────────────┤ ⟨X⟩""", CircuitDrawing.text(c));
    }

    @Test
    void scaledInputsShowTheScaleAndBindOnlyWhenGiven() {
        Circuit c = Circuit.builder(1).ry(0, Angle.input(0, Math.PI)).rz(0, Angle.param(0, 0.5))
                .rx(0, Angle.param(1, -1.0)).expectZ(0).build();
        assertEquals("q0: ──RY(π·x0)──RZ(0.5·θ0)──RX(-θ1)─┤ ⟨Z⟩", CircuitDrawing.text(c));
        double[] params = {0.4, 0.25};
        assertEquals("q0: ──RY(π·x0)──RZ(0.200)──RX(-0.250)─┤ ⟨Z⟩", CircuitDrawing.text(c, params, null));
        assertEquals("q0: ──RY(1.571)──RZ(0.200)──RX(-0.250)─┤ ⟨Z⟩",
                CircuitDrawing.text(c, params, new double[]{0.5}));
        assertEquals("q0: --RY(pi*x0)--RZ(0.5*p0)--RX(-p1)-| <Z>", CircuitDrawing.text(c, Style.ASCII));
    }

    @Test
    void amplitudeEmbeddingIsALeadingBoxOnEveryWire() {
        Circuit c = Circuit.builder(2).amplitudeEmbedding(1, 3).h(1).expectZ(0).build();
        assertEquals("""
                q0: ─╭|ψ(x1..x3)⟩────┤ ⟨Z⟩
                q1: ─╰|ψ(x1..x3)⟩──H─""", CircuitDrawing.text(c));
        assertEquals("""
                q0: --|psi(x1..x3)>----| <Z>
                q1: --|psi(x1..x3)>--H-""", CircuitDrawing.text(c, Style.ASCII));
    }

    @Test
    void longLinesWrapIntoBlocksOfWholeColumns() {
        Circuit c = Circuit.builder(1).h(0).x(0).y(0).z(0).expectZ(0).build();
        assertEquals("q0: ──H──X──Y──Z─┤ ⟨Z⟩", CircuitDrawing.text(c));
        String wrapped = CircuitDrawing.text(c, null, null, Style.UNICODE, 16);
        assertEquals("q0: ──H──X─···\n\nq0: ···──Y─···\n\nq0: ···──Z─┤ ⟨Z⟩", wrapped);
        for (String line : wrapped.split("\n")) {
            assertTrue(line.length() <= 16, line);
        }

        Circuit dqc = DressedQuantumCircuit.circuit(4, 3);
        String unwrapped = CircuitDrawing.text(dqc, null, null, Style.UNICODE, Integer.MAX_VALUE);
        String blocks = CircuitDrawing.text(dqc, null, null, Style.UNICODE, 40);
        assertEquals(4, unwrapped.split("\n").length);
        String[] parts = blocks.split("\n\n");
        assertTrue(parts.length > 2, blocks);
        for (String line : blocks.split("\n")) {
            assertTrue(line.isEmpty() || line.length() <= 40, line);
        }
        assertEquals(gateLabels(unwrapped).stream().sorted().toList(), gateLabels(blocks).stream().sorted().toList(),
                "wrapping loses or repeats no gate");
    }

    @Test
    void svgIsWellFormedWithOneRectPerSingleQubitGate() throws Exception {
        Document doc = parse(CircuitDrawing.svg(bell(), new double[]{0.5}, null));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(2, rects(doc, "gate"), "H and RY");
        assertEquals(2, rects(doc, "measure"));
        assertEquals(0, rects(doc, "embedding"));
        assertEquals(1, count(doc, "circle", "control"));
        assertEquals(1, count(doc, "circle", "target"));
        assertTrue(texts(doc).contains("RY(0.500)"), texts(doc).toString());

        for (Circuit c : paperCircuits()) {
            Document d = parse(CircuitDrawing.svg(c));
            assertEquals(singleQubitOps(c), rects(d, "gate"), c.toString());
            assertEquals(c.amplitudeEmbedding() == null ? 0 : 1, rects(d, "embedding"));
            assertEquals(c.observables().size(), rects(d, "measure"));
        }
    }

    @Test
    void paperCircuitsDrawOneRowPerWireAndEveryGate() {
        for (Circuit c : paperCircuits()) {
            String s = CircuitDrawing.text(c, null, null, Style.UNICODE, Integer.MAX_VALUE);
            String[] rows = s.split("\n");
            assertEquals(c.numQubits(), rows.length, s);
            for (int w = 0; w < rows.length; w++) {
                assertTrue(rows[w].startsWith("q" + w + ":"), rows[w]);
            }
            int twoQubit = c.operations().size() - singleQubitOps(c);
            assertEquals(2 * twoQubit, s.chars().filter(ch -> ch == '●' || ch == '⊕' || ch == '×').count(), s);
            int embeddingBoxes = c.amplitudeEmbedding() == null ? 0 : c.numQubits();
            assertEquals(singleQubitOps(c) + embeddingBoxes, gateLabels(s).size(), s);
            assertEquals(c.observables().size(), s.split("⟨").length - 1, s);
            double[] params = new double[c.numParameters()];
            double[] input = new double[c.numInputs()];
            assertEquals(rows.length, CircuitDrawing.text(c, params, input).split("\n\n")[0].split("\n").length);
        }
        assertTrue(CircuitDrawing.text(QuFeXCircuits.pqc1(4)).contains("RY(π·x3)"));
        assertTrue(CircuitDrawing.text(StronglyEntanglingLayers.circuit(16, 1)).contains("|ψ(x0..x15)⟩"));
    }

    @Test
    void badValuesAreRefusedNamingTheExpectedLength() {
        Circuit c = QuFeXCircuits.pqc1(4);
        assertIae(() -> CircuitDrawing.text(c, new double[3], null), "expected length 4");
        assertIae(() -> CircuitDrawing.svg(c, new double[4], new double[5]), "expected length 4");
        assertIae(() -> CircuitDrawing.text(DressedQuantumCircuit.circuit(3, 1), null, new double[2]),
                "expected length 3");
        assertIae(() -> CircuitDrawing.text(c, new double[]{0, Double.NaN, 0, 0}, null), "params[1]");
        assertIae(() -> CircuitDrawing.text(null), "circuit");
        assertIae(() -> CircuitDrawing.text(c, null, null, null, 80), "style");
        assertIae(() -> CircuitDrawing.text(c, null, null, Style.ASCII, 0), "maxWidth");
    }

    private static void assertIae(Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    private static List<Circuit> paperCircuits() {
        return List.of(QuFeXCircuits.pqc1(8), QuFeXCircuits.pqc2(6), StronglyEntanglingLayers.circuit(16, 2),
                StronglyEntanglingLayers.circuit(5, 3), DressedQuantumCircuit.circuit(5, 3),
                DressedQuantumCircuit.circuit(2, 1));
    }

    private static int singleQubitOps(Circuit c) {
        int n = 0;
        for (Operation op : c.operations()) {
            n += op.gate().numWires() == 1 ? 1 : 0;
        }
        return n;
    }

    /** The box labels of a Unicode drawing: every token that is not a wire name, mark, observable or ellipsis. */
    private static List<String> gateLabels(String drawing) {
        List<String> labels = new ArrayList<>();
        for (String token : drawing.split("[─╭╰├│┤\\s]+|···")) {
            if (!token.isEmpty() && !token.matches("q\\d+:|[●⊕×]|⟨[XZ]⟩")) {
                labels.add(token);
            }
        }
        return labels;
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static int rects(Document doc, String cls) {
        return count(doc, "rect", cls);
    }

    private static int count(Document doc, String tag, String cls) {
        NodeList nodes = doc.getElementsByTagName(tag);
        int n = 0;
        for (int i = 0; i < nodes.getLength(); i++) {
            n += cls.equals(((Element) nodes.item(i)).getAttribute("class")) ? 1 : 0;
        }
        return n;
    }

    private static List<String> texts(Document doc) {
        NodeList nodes = doc.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }
}
