/**
 * Tribuo data sources for the multi-label benchmark formats: {@link org.hybridqml.tribuo.multilabel.data.MulanDataSource}
 * (Mulan ARFF plus labels XML) and {@link org.hybridqml.tribuo.multilabel.data.MekaArffDataSource} (MEKA ARFF with
 * {@code -C n} in the relation name). Both read the files through the engine-neutral
 * {@link org.hybridqml.data.MultiLabelData} and emit {@code Example<MultiLabel>}s.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Feature names are the ARFF attribute names; label names are the label attribute names.</li>
 *   <li>The output of an example is the {@link org.tribuo.multilabel.MultiLabel} of its relevant labels. An example
 *       with no relevant label gets the empty {@code MultiLabel}, which Tribuo accepts as an ordinary output (it is
 *       not {@code MultiLabelFactory.UNKNOWN_MULTILABEL}, which holds Tribuo's unknown label); no special handling
 *       in {@link org.tribuo.multilabel.MultiLabelFactory} is needed.</li>
 *   <li>Like Tribuo's own {@code IDXDataSource}, only non-zero feature values become features: Tribuo examples are
 *       sparse and every Tribuo model reads an absent feature as 0. A feature that is zero in every training
 *       example is therefore missing from the dataset's feature map; code that needs a fixed-width dense input
 *       should use the source's {@code getFeatureNames()} or {@code DenseVector.createDenseVector}. The one
 *       exception: a row whose features are all zero keeps them as explicit zero-valued features, because Tribuo's
 *       datasets reject an example without features ("Example had duplicate features, invalid features or no
 *       features").</li>
 * </ul>
 *
 * <h2>The CSV route, and its 0/1 pitfall</h2>
 * Multi-label data in CSV can also enter through Tribuo's own {@code CSVLoader<MultiLabel>} with a
 * {@code MultiLabelFactory} and the set of label columns as response names: each label column becomes an element
 * {@code column=value} of the output string, which {@code MultiLabel.parseElement} reads with
 * {@code Boolean.parseBoolean}. A column holding {@code 1} therefore reads as <em>false</em> and the label is
 * silently dropped: label columns must hold {@code true}/{@code false} (rewrite 0/1 before loading), or a custom
 * {@code ResponseProcessor} must be used. The test {@code CsvMultiLabelRouteTest} shows both the pitfall and the
 * working route.
 */
package org.hybridqml.tribuo.multilabel.data;
