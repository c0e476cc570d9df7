package org.hybridqml.tribuo.segmentation;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.junit.jupiter.api.Test;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.OutputInfo;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.test.Helpers;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentationInfoTest {

    private static MutableSegmentationInfo observedTwoMasks() {
        MutableSegmentationInfo info = new MutableSegmentationInfo();
        info.observe(new SegmentationMask(2, 2, new boolean[]{true, true, true, false}));
        info.observe(new SegmentationMask(2, 2, new boolean[]{false, false, true, false}));
        info.observe(SegmentationFactory.UNKNOWN_MASK);
        return info;
    }

    @Test
    void countsPixelsPerClassMasksAndUnknowns() {
        MutableSegmentationInfo info = observedTwoMasks();
        assertEquals(2, info.getMaskCount());
        assertEquals(4, info.getForegroundPixelCount());
        assertEquals(4, info.getBackgroundPixelCount());
        assertEquals(0.5, info.getForegroundFraction(), 0.0);
        assertEquals(1, info.getUnknownCount());
        assertEquals(2, info.getMaskHeight());
        assertEquals(2, info.getMaskWidth());
        List<Pair<String, Long>> counts = new ArrayList<>();
        info.outputCountsIterable().forEach(counts::add);
        assertEquals(List.of(new Pair<>("background", 4L), new Pair<>("foreground", 4L)), counts);
        assertEquals("SegmentationInfo(masks=2, size=2x2, background=4 px, foreground=4 px, unknown=1)",
                info.toReadableString());
    }

    @Test
    void differentSizesAreFlaggedAndClearResets() {
        MutableSegmentationInfo info = observedTwoMasks();
        info.observe(new SegmentationMask(1, 3, new boolean[]{true, false, false}));
        assertEquals(SegmentationInfo.MIXED_SIZE, info.getMaskHeight());
        assertEquals(SegmentationInfo.MIXED_SIZE, info.getMaskWidth());
        assertEquals(5, info.getForegroundPixelCount());
        info.clear();
        assertEquals(new MutableSegmentationInfo(), info);
        assertTrue(Double.isNaN(info.getForegroundFraction()));
    }

    @Test
    void immutableInfoMapsClassMasksToFixedIds() {
        ImmutableOutputInfo<SegmentationMask> info = observedTwoMasks().generateImmutableOutputInfo();
        assertInstanceOf(ImmutableSegmentationInfo.class, info);
        assertEquals(2, info.size());
        assertEquals(2, info.getTotalObservations());
        assertEquals(0, info.getID(SegmentationFactory.BACKGROUND_CLASS));
        assertEquals(1, info.getID(SegmentationFactory.FOREGROUND_CLASS));
        assertEquals(1, info.getID(new SegmentationMask(2, 2, new boolean[]{true, true, true, true})));
        assertEquals(-1, info.getID(new SegmentationMask(1, 2, new boolean[]{true, false})));
        assertEquals(-1, info.getID(SegmentationFactory.UNKNOWN_MASK));
        assertEquals(SegmentationFactory.BACKGROUND_CLASS, info.getOutput(0));
        assertEquals(SegmentationFactory.FOREGROUND_CLASS, info.getOutput(1));
        assertNull(info.getOutput(2));
        List<Pair<Integer, SegmentationMask>> pairs = new ArrayList<>();
        info.forEach(pairs::add);
        for (Pair<Integer, SegmentationMask> p : pairs) {
            assertEquals(p.getA().intValue(), info.getID(p.getB()));
        }
        assertEquals(info.getDomain().size(), pairs.size());
        assertTrue(info.domainAndIDEquals(new MutableSegmentationInfo().generateImmutableOutputInfo()));
    }

    @Test
    void mutableAndImmutableCopiesKeepCounts() {
        MutableSegmentationInfo info = observedTwoMasks();
        SegmentationInfo immutable = (SegmentationInfo) info.generateImmutableOutputInfo();
        SegmentationInfo mutableAgain = (SegmentationInfo) immutable.generateMutableOutputInfo();
        assertEquals(info, mutableAgain);
        assertEquals(immutable, immutable.copy());
        MutableSegmentationInfo copy = info.copy();
        copy.observe(new SegmentationMask(2, 2, new boolean[4]));
        assertEquals(2, info.getMaskCount(), "copies must be independent");
    }

    @Test
    void protoRoundTripOfBothInfos() {
        MutableSegmentationInfo mutable = observedTwoMasks();
        OutputInfo<?> back = OutputInfo.deserialize(mutable.serialize());
        assertInstanceOf(MutableSegmentationInfo.class, back);
        assertEquals(mutable, back);
        ImmutableSegmentationInfo immutable = (ImmutableSegmentationInfo) mutable.generateImmutableOutputInfo();
        OutputInfo<?> immutableBack = OutputInfo.deserialize(immutable.serialize());
        assertInstanceOf(ImmutableSegmentationInfo.class, immutableBack);
        assertEquals(immutable, immutableBack);
        assertEquals(immutable, Helpers.testProtoSerialization(immutable));
        MutableSegmentationInfo mixed = observedTwoMasks();
        mixed.observe(new SegmentationMask(1, 1, new boolean[]{true}));
        assertEquals(mixed, Helpers.testProtoSerialization(mixed));
        assertEquals(new MutableSegmentationInfo(), Helpers.testProtoSerialization(new MutableSegmentationInfo()));
    }

    @Test
    void javaSerializationRoundTrip() {
        MutableSegmentationInfo mutable = observedTwoMasks();
        assertEquals(mutable, SerializationTestSupport.javaRoundTrip(mutable));
        ImmutableSegmentationInfo immutable = (ImmutableSegmentationInfo) mutable.generateImmutableOutputInfo();
        assertEquals(immutable, SerializationTestSupport.javaRoundTrip(immutable));
    }

    @Test
    void datasetOfMasksSurvivesTribuoProtoAndJavaSerialization() {
        // Tribuo's dataset proto goes through the factory, the info and every output's proto form.
        SegmentationFactory factory = new SegmentationFactory();
        MutableDataset<SegmentationMask> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance("tiny masks", factory), factory);
        dataset.add(new ArrayExample<>(factory.generateOutput("2x2:0111;p=0.1,0.6,0.7,0.9"),
                new String[]{"000", "001"}, new double[]{0.5, 1.0}));
        dataset.add(new ArrayExample<>(factory.generateOutput("2x2:0000"),
                new String[]{"000", "003"}, new double[]{0.25, 0.75}));
        assertEquals(2, ((SegmentationInfo) dataset.getOutputInfo()).getMaskCount());
        Helpers.testDatasetSerialization(dataset);
        assertTrue(Helpers.datasetEquals(dataset, SerializationTestSupport.javaRoundTrip(dataset)));
    }
}
