package org.hybridqml.tribuo.multilabel.data;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.impl.SkeletalConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DateTimeProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.HashProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.hybridqml.data.MultiLabelData;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.provenance.DataSourceProvenance;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * A Tribuo data source for a MEKA multi-label ARFF file, whose relation name carries {@code -C n} (the first n
 * attributes are the labels) or {@code -C -n} (the last n), e.g. the bundled
 * {@code datasets/meka-multilabel/Music.arff} ({@code @relation 'Music: -C 6'}).
 *
 * <p>Features are named by their ARFF attribute names; only non-zero values become features (Tribuo is sparse, see
 * the package documentation). Each example's output is the {@link MultiLabel} of its relevant labels, possibly
 * empty. Label order ({@link #getLabelNames()}) is the order of the label attributes in the file.
 *
 * <p>Configurable through OLCUT ({@code arffFile}); the file is read in {@link #postConfig()}. The provenance
 * records the SHA-256 hash and modification time of the file.
 */
public final class MekaArffDataSource extends MultiLabelFileSource {

    @Config(mandatory = true, description = "MEKA ARFF file; its relation name must carry '-C <number of labels>'.")
    private Path arffFile;

    private MekaArffDataSourceProvenance provenance;

    /** For OLCUT. */
    private MekaArffDataSource() {
    }

    /**
     * Reads a MEKA ARFF file.
     *
     * @param arffFile the ARFF file
     * @throws IOException if the file is missing or malformed, has no {@code -C} option, or a label is not binary
     */
    public MekaArffDataSource(Path arffFile) throws IOException {
        this.arffFile = arffFile;
        postConfig();
    }

    /**
     * Used by OLCUT after configuration: reads the file.
     *
     * @throws IOException if the file is missing or malformed, has no {@code -C} option, or a label is not binary
     */
    @Override
    public void postConfig() throws IOException {
        load(MultiLabelData.readMeka(arffFile));
    }

    @Override
    public synchronized DataSourceProvenance getProvenance() {
        if (provenance == null) {
            provenance = new MekaArffDataSourceProvenance(this);
        }
        return provenance;
    }

    @Override
    public String toString() {
        return "MekaArffDataSource(arffFile=" + arffFile + contentsSummary();
    }

    /**
     * Provenance of a {@link MekaArffDataSource}: its configuration plus the hash and modification time of the file
     * and the creation time of the source.
     */
    public static final class MekaArffDataSourceProvenance extends SkeletalConfiguredObjectProvenance
            implements DataSourceProvenance {
        private static final long serialVersionUID = 1L;

        /** Key of the ARFF file's modification time. */
        public static final String ARFF_FILE_MODIFIED_TIME = "arff-file-modified-time";
        /** Key of the ARFF file's hash. */
        public static final String ARFF_RESOURCE_HASH = "arff-resource-hash";

        private final DateTimeProvenance arffModifiedTime;
        private final DateTimeProvenance creationTime;
        private final HashProvenance arffHash;

        MekaArffDataSourceProvenance(MekaArffDataSource host) {
            super(host, "DataSource");
            this.arffModifiedTime = modifiedTime(ARFF_FILE_MODIFIED_TIME, host.arffFile);
            this.creationTime = new DateTimeProvenance(DATASOURCE_CREATION_TIME, OffsetDateTime.now());
            this.arffHash = new HashProvenance(DEFAULT_HASH_TYPE, ARFF_RESOURCE_HASH,
                    ProvenanceUtil.hashResource(DEFAULT_HASH_TYPE, host.arffFile));
        }

        /**
         * Rebuilds the provenance from its marshalled form.
         *
         * @param map the provenance fields
         */
        public MekaArffDataSourceProvenance(Map<String, Provenance> map) {
            this(extract(map));
        }

        private MekaArffDataSourceProvenance(ExtractedInfo info) {
            super(info);
            this.arffModifiedTime = (DateTimeProvenance) info.instanceValues.get(ARFF_FILE_MODIFIED_TIME);
            this.creationTime = (DateTimeProvenance) info.instanceValues.get(DATASOURCE_CREATION_TIME);
            this.arffHash = (HashProvenance) info.instanceValues.get(ARFF_RESOURCE_HASH);
        }

        private static ExtractedInfo extract(Map<String, Provenance> map) {
            String me = MekaArffDataSourceProvenance.class.getSimpleName();
            Map<String, Provenance> configured = new HashMap<>(map);
            String className = ObjectProvenance.checkAndExtractProvenance(configured, CLASS_NAME,
                    StringProvenance.class, me).getValue();
            String hostShortName = ObjectProvenance.checkAndExtractProvenance(configured, HOST_SHORT_NAME,
                    StringProvenance.class, me).getValue();
            Map<String, PrimitiveProvenance<?>> instance = new HashMap<>();
            for (String key : new String[]{ARFF_FILE_MODIFIED_TIME, DATASOURCE_CREATION_TIME}) {
                instance.put(key, ObjectProvenance.checkAndExtractProvenance(configured, key,
                        DateTimeProvenance.class, me));
            }
            for (String key : new String[]{ARFF_RESOURCE_HASH}) {
                instance.put(key, ObjectProvenance.checkAndExtractProvenance(configured, key,
                        HashProvenance.class, me));
            }
            return new ExtractedInfo(className, hostShortName, configured, instance);
        }

        @Override
        public Map<String, PrimitiveProvenance<?>> getInstanceValues() {
            Map<String, PrimitiveProvenance<?>> map = super.getInstanceValues();
            map.put(arffModifiedTime.getKey(), arffModifiedTime);
            map.put(creationTime.getKey(), creationTime);
            map.put(arffHash.getKey(), arffHash);
            return map;
        }
    }
}
