package org.hybridqml.sim.noise;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link NoiseModel}: spec parsing and its errors, validation, Kraus operators, serialization. */
class NoiseModelTest {

    @Test
    void parsesSpecs() {
        assertEquals(new NoiseModel(NoiseModel.Channel.DEPOLARIZING, 0.01, NoiseModel.Placement.GATE),
                NoiseModel.parse("depolarizing:0.01"));
        assertEquals(new NoiseModel(NoiseModel.Channel.BIT_FLIP, 0.02, NoiseModel.Placement.LAYER),
                NoiseModel.parse("bitflip:0.02@layer"));
        assertEquals(new NoiseModel(NoiseModel.Channel.AMPLITUDE_DAMPING, 0.05, NoiseModel.Placement.GATE),
                NoiseModel.parse(" Amplitude-Damping:0.05@gate "));
        assertEquals(NoiseModel.Channel.BIT_FLIP, NoiseModel.parse("bit_flip:1").channel());
        assertEquals(NoiseModel.none(), NoiseModel.parse("none"));
        assertTrue(NoiseModel.none().isNoiseFree());
        assertTrue(NoiseModel.parse("bitflip:0").isNoiseFree());
        assertFalse(NoiseModel.parse("bitflip:0.1").isNoiseFree());
    }

    @Test
    void toStringReadsBack() {
        for (String spec : new String[]{"none", "depolarizing:0.01@gate", "bitflip:0.25@layer",
                "amplitude-damping:1.0@gate"}) {
            NoiseModel m = NoiseModel.parse(spec);
            assertEquals(m, NoiseModel.parse(m.toString()), spec);
        }
        assertEquals("none", NoiseModel.none().toString());
    }

    @Test
    void malformedSpecsNameTheBadPartAndTheFormat() {
        String[][] cases = {
                {"depolarising:0.1", "unknown channel 'depolarising'"},
                {"bitflip", "missing ':<p>'"},
                {"bitflip:abc", "probability 'abc' is not a number"},
                {"bitflip:1.5", "probability 1.5 is outside [0, 1]"},
                {"bitflip:-0.1@gate", "probability -0.1 is outside [0, 1]"},
                {"bitflip:0.1@wire", "unknown placement '@wire'"},
                {"", "Empty noise spec"}};
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NoiseModel.parse(c[0]),
                    c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertTrue(e.getMessage().contains(NoiseModel.SPEC_FORMAT), e.getMessage());
        }
    }

    @Test
    void probabilityOutsideUnitIntervalIsRejected() {
        for (double p : new double[]{-1e-9, 1 + 1e-9, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NoiseModel.of(NoiseModel.Channel.DEPOLARIZING, p));
            assertTrue(e.getMessage().contains("must be in [0, 1]") && e.getMessage().contains("depolarizing"),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new NoiseModel(null, 0.1, NoiseModel.Placement.GATE));
        assertThrows(IllegalArgumentException.class,
                () -> new NoiseModel(NoiseModel.Channel.BIT_FLIP, 0.1, null));
    }

    /** Every channel is trace preserving: Σ_k K_k† K_k = I. */
    @Test
    void krausOperatorsAreComplete() {
        for (NoiseModel.Channel ch : NoiseModel.Channel.values()) {
            for (double p : new double[]{0, 0.03, 0.5, 1}) {
                double[] sum = new double[8];
                for (double[] k : NoiseModel.of(ch, p).krausOperators()) {
                    // (K†K)[r][c] = Σ_j conj(K[j][r]) K[j][c]
                    for (int r = 0; r < 2; r++) {
                        for (int c = 0; c < 2; c++) {
                            for (int j = 0; j < 2; j++) {
                                double ar = k[2 * (2 * j + r)], ai = -k[2 * (2 * j + r) + 1];
                                double br = k[2 * (2 * j + c)], bi = k[2 * (2 * j + c) + 1];
                                sum[2 * (2 * r + c)] += ar * br - ai * bi;
                                sum[2 * (2 * r + c) + 1] += ar * bi + ai * br;
                            }
                        }
                    }
                }
                double[] identity = {1, 0, 0, 0, 0, 0, 1, 0};
                for (int e = 0; e < 8; e++) {
                    assertEquals(identity[e], sum[e], 1e-15, ch + " p=" + p + " entry " + e);
                }
            }
        }
    }

    @Test
    void serializesToAnEqualModel() throws IOException, ClassNotFoundException {
        NoiseModel m = NoiseModel.parse("amplitude-damping:0.05@layer");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(m, in.readObject());
        }
    }
}
