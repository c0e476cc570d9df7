/**
 * Binary image segmentation as a Tribuo prediction task: the {@link org.hybridqml.tribuo.segmentation.SegmentationMask}
 * output (a per-pixel foreground/background mask with optional foreground probabilities), its
 * {@link org.hybridqml.tribuo.segmentation.SegmentationFactory} and the two-class output infos
 * ({@link org.hybridqml.tribuo.segmentation.MutableSegmentationInfo},
 * {@link org.hybridqml.tribuo.segmentation.ImmutableSegmentationInfo}).
 *
 * <p>Tribuo 4.3.2 has no segmentation output; this package follows the layout of Tribuo's own output modules
 * (anomaly detection, clustering). Evaluation lives in {@code org.hybridqml.tribuo.segmentation.evaluation} and
 * delegates all metric arithmetic to {@code org.hybridqml.metrics} in shared-sim.
 *
 * <p>Protobuf: every class here implements Tribuo's {@code serialize()} / static {@code deserializeFromProto}
 * contract. The payload messages are declared in {@code src/main/proto/tribuo-quantum-segmentation.proto}
 * (shipped in the jar), compiled at build time into {@code org.hybridqml.tribuo.segmentation.protos}, and packed
 * into Tribuo's precompiled {@code OutputProto} / {@code OutputDomainProto} envelopes.
 */
package org.hybridqml.tribuo.segmentation;
