package org.hybridqml.tribuo.segmentation;

import org.junit.jupiter.api.Test;
import org.tribuo.Output;
import org.tribuo.protos.core.OutputProto;
import org.tribuo.test.Helpers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentationMaskTest {

    private static final boolean[] BITS = {false, true, false, true, true, true}; // 2x3: 010 / 111

    @Test
    void pixelsAreRowMajorAndCounted() {
        SegmentationMask m = new SegmentationMask(2, 3, BITS);
        assertEquals(2, m.getHeight());
        assertEquals(3, m.getWidth());
        assertEquals(6, m.getPixelCount());
        assertTrue(m.isForeground(0, 1));
        assertFalse(m.isForeground(0, 2));
        assertTrue(m.isForeground(1, 0));
        assertEquals(4, m.getForegroundCount());
        assertEquals(2, m.getBackgroundCount());
        assertFalse(m.hasProbabilities());
        assertTrue(m.getProbabilities().isEmpty());
        assertThrows(IndexOutOfBoundsException.class, () -> m.isForeground(2, 0));
    }

    @Test
    void equalityIgnoresProbabilitiesButFullEqualsDoesNot() {
        SegmentationMask plain = new SegmentationMask(2, 3, BITS);
        SegmentationMask withP = new SegmentationMask(2, 3, BITS, new float[]{0.1f, 0.9f, 0.2f, 0.8f, 0.7f, 0.6f});
        SegmentationMask closeP = new SegmentationMask(2, 3, BITS, new float[]{0.1f, 0.9f, 0.2f, 0.8f, 0.7f, 0.61f});
        assertEquals(plain, withP);
        assertEquals(plain.hashCode(), withP.hashCode());
        assertFalse(plain.fullEquals(withP));
        assertFalse(withP.fullEquals(closeP));
        assertTrue(withP.fullEquals(closeP, 0.02));
        assertTrue(withP.fullEquals(withP.copy()));
        // same pixels, other shape; other pixels, same shape
        assertNotEquals(plain, new SegmentationMask(3, 2, BITS));
        assertNotEquals(plain, new SegmentationMask(2, 3, new boolean[]{true, true, false, true, true, true}));
    }

    @Test
    void copyIsIndependentAndArraysAreDefensive() {
        boolean[] bits = BITS.clone();
        SegmentationMask m = new SegmentationMask(2, 3, bits);
        bits[0] = true;
        assertFalse(m.isForeground(0, 0), "constructor must copy");
        m.getForeground()[0] = true;
        assertFalse(m.isForeground(0, 0), "accessor must copy");
        SegmentationMask copy = m.copy();
        assertNotSame(m, copy);
        assertTrue(m.fullEquals(copy));
    }

    @Test
    void fromProbabilitiesUsesStrictThreshold() {
        SegmentationMask m = SegmentationMask.fromProbabilities(1, 3, new float[]{0.5f, 0.51f, 0.2f});
        assertArrayEquals(new boolean[]{false, true, false}, m.getForeground());
        assertArrayEquals(new float[]{0.5f, 0.51f, 0.2f}, m.getProbabilities().orElseThrow());
        SegmentationMask low = SegmentationMask.fromProbabilities(1, 3, new float[]{0.5f, 0.51f, 0.2f}, 0.1);
        assertEquals(3, low.getForegroundCount());
    }

    @Test
    void invalidMasksAreRejectedWithReasons() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> new SegmentationMask(2, 2, BITS));
        assertTrue(size.getMessage().contains("needs 4 foreground flags, got 6"), size.getMessage());
        IllegalArgumentException dims = assertThrows(IllegalArgumentException.class,
                () -> new SegmentationMask(0, 3, new boolean[0]));
        assertTrue(dims.getMessage().contains("positive"), dims.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new SegmentationMask(1, 2, new boolean[2], new float[]{0.5f, Float.NaN}));
        assertTrue(nan.getMessage().contains("pixel 1"), nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SegmentationMask(1, 2, new boolean[2], new float[]{0.5f}));
    }

    @Test
    void toStringAndSerializableForm() {
        SegmentationMask m = new SegmentationMask(2, 3, BITS, new float[]{0.1f, 0.9f, 0.2f, 0.8f, 0.7f, 0.6f});
        assertEquals("SegmentationMask(2x3, foreground=4/6 px, with probabilities)", m.toString());
        assertEquals("2x3:010111", m.getSerializableForm(false));
        assertEquals("2x3:010111;p=0.1,0.9,0.2,0.8,0.7,0.6", m.getSerializableForm(true));
        assertEquals("SegmentationMask(UNKNOWN)", SegmentationFactory.UNKNOWN_MASK.toString());
        assertEquals("UNKNOWN", SegmentationFactory.UNKNOWN_MASK.getSerializableForm(true));
    }

    @Test
    void protoRoundTripKeepsBitsAndProbabilities() {
        // 3x5 = 15 pixels spans two bytes of packed bits, with the last one set
        boolean[] bits = new boolean[15];
        bits[0] = true;
        bits[7] = true;
        bits[8] = true;
        bits[14] = true;
        float[] p = new float[15];
        for (int i = 0; i < p.length; i++) {
            p[i] = i / 14f;
        }
        SegmentationMask withP = new SegmentationMask(3, 5, bits, p);
        OutputProto proto = withP.serialize();
        assertEquals(SegmentationMask.class.getName(), proto.getClassName());
        SegmentationMask back = (SegmentationMask) Output.deserialize(proto);
        assertTrue(withP.fullEquals(back));
        SegmentationMask plain = new SegmentationMask(3, 5, bits);
        assertTrue(plain.fullEquals(Helpers.testProtoSerialization(plain)));
        SegmentationMask allBackground = new SegmentationMask(4, 4, new boolean[16]);
        assertTrue(allBackground.fullEquals((SegmentationMask) Output.deserialize(allBackground.serialize())));
        SegmentationMask unknown = (SegmentationMask) Output.deserialize(SegmentationFactory.UNKNOWN_MASK.serialize());
        assertTrue(unknown.isUnknown());
        assertEquals(SegmentationFactory.UNKNOWN_MASK, unknown);
    }

    @Test
    void javaSerializationRoundTrip() {
        SegmentationMask m = new SegmentationMask(2, 3, BITS, new float[]{0.1f, 0.9f, 0.2f, 0.8f, 0.7f, 0.6f});
        assertTrue(m.fullEquals(SerializationTestSupport.javaRoundTrip(m)));
        assertEquals(SegmentationFactory.UNKNOWN_MASK,
                SerializationTestSupport.javaRoundTrip(SegmentationFactory.UNKNOWN_MASK));
    }
}
