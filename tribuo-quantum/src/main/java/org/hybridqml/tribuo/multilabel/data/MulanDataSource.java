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
 * A Tribuo data source for a Mulan multi-label data set: an ARFF file plus the Mulan XML file that names the label
 * attributes (e.g. the bundled {@code datasets/mulan-multilabel/emotions/emotions-train.arff} with
 * {@code emotions.xml}).
 *
 * <p>Features are named by their ARFF attribute names; only non-zero values become features (Tribuo is sparse, see
 * the package documentation). Each example's output is the {@link MultiLabel} of its relevant labels, possibly
 * empty. Label order ({@link #getLabelNames()}) follows the XML file, which may differ from the ARFF attribute order.
 *
 * <p>Configurable through OLCUT ({@code arffFile}, {@code xmlFile}); the files are read in {@link #postConfig()}.
 * The provenance records the SHA-256 hash and modification time of both files.
 */
public final class MulanDataSource extends MultiLabelFileSource {

    @Config(mandatory = true, description = "Mulan ARFF file holding features and label attributes.")
    private Path arffFile;

    @Config(mandatory = true, description = "Mulan labels XML file naming the label attributes.")
    private Path xmlFile;

    private MulanDataSourceProvenance provenance;

    /** For OLCUT. */
    private MulanDataSource() {
    }

    /**
     * Reads a Mulan data set.
     *
     * @param arffFile the ARFF file
     * @param xmlFile  the labels XML file
     * @throws IOException if a file is missing or malformed, or a label is not binary
     */
    public MulanDataSource(Path arffFile, Path xmlFile) throws IOException {
        this.arffFile = arffFile;
        this.xmlFile = xmlFile;
        postConfig();
    }

    /**
     * Used by OLCUT after configuration: reads the files.
     *
     * @throws IOException if a file is missing or malformed, or a label is not binary
     */
    @Override
    public void postConfig() throws IOException {
        load(MultiLabelData.readMulan(arffFile, xmlFile));
    }

    @Override
    public synchronized DataSourceProvenance getProvenance() {
        if (provenance == null) {
            provenance = new MulanDataSourceProvenance(this);
        }
        return provenance;
    }

    @Override
    public String toString() {
        return "MulanDataSource(arffFile=" + arffFile + ",xmlFile=" + xmlFile + contentsSummary();
    }

    /**
     * Provenance of a {@link MulanDataSource}: its configuration plus the hash and modification time of both files
     * and the creation time of the source.
     */
    public static final class MulanDataSourceProvenance extends SkeletalConfiguredObjectProvenance
            implements DataSourceProvenance {
        private static final long serialVersionUID = 1L;

        /** Key of the ARFF file's modification time. */
        public static final String ARFF_FILE_MODIFIED_TIME = "arff-file-modified-time";
        /** Key of the XML file's modification time. */
        public static final String XML_FILE_MODIFIED_TIME = "xml-file-modified-time";
        /** Key of the ARFF file's hash. */
        public static final String ARFF_RESOURCE_HASH = "arff-resource-hash";
        /** Key of the XML file's hash. */
        public static final String XML_RESOURCE_HASH = "xml-resource-hash";

        private final DateTimeProvenance arffModifiedTime;
        private final DateTimeProvenance xmlModifiedTime;
        private final DateTimeProvenance creationTime;
        private final HashProvenance arffHash;
        private final HashProvenance xmlHash;

        MulanDataSourceProvenance(MulanDataSource host) {
            super(host, "DataSource");
            this.arffModifiedTime = modifiedTime(ARFF_FILE_MODIFIED_TIME, host.arffFile);
            this.xmlModifiedTime = modifiedTime(XML_FILE_MODIFIED_TIME, host.xmlFile);
            this.creationTime = new DateTimeProvenance(DATASOURCE_CREATION_TIME, OffsetDateTime.now());
            this.arffHash = new HashProvenance(DEFAULT_HASH_TYPE, ARFF_RESOURCE_HASH,
                    ProvenanceUtil.hashResource(DEFAULT_HASH_TYPE, host.arffFile));
            this.xmlHash = new HashProvenance(DEFAULT_HASH_TYPE, XML_RESOURCE_HASH,
                    ProvenanceUtil.hashResource(DEFAULT_HASH_TYPE, host.xmlFile));
        }

        /**
         * Rebuilds the provenance from its marshalled form.
         *
         * @param map the provenance fields
         */
        public MulanDataSourceProvenance(Map<String, Provenance> map) {
            this(extract(map));
        }

        private MulanDataSourceProvenance(ExtractedInfo info) {
            super(info);
            this.arffModifiedTime = (DateTimeProvenance) info.instanceValues.get(ARFF_FILE_MODIFIED_TIME);
            this.xmlModifiedTime = (DateTimeProvenance) info.instanceValues.get(XML_FILE_MODIFIED_TIME);
            this.creationTime = (DateTimeProvenance) info.instanceValues.get(DATASOURCE_CREATION_TIME);
            this.arffHash = (HashProvenance) info.instanceValues.get(ARFF_RESOURCE_HASH);
            this.xmlHash = (HashProvenance) info.instanceValues.get(XML_RESOURCE_HASH);
        }

        private static ExtractedInfo extract(Map<String, Provenance> map) {
            String me = MulanDataSourceProvenance.class.getSimpleName();
            Map<String, Provenance> configured = new HashMap<>(map);
            String className = ObjectProvenance.checkAndExtractProvenance(configured, CLASS_NAME,
                    StringProvenance.class, me).getValue();
            String hostShortName = ObjectProvenance.checkAndExtractProvenance(configured, HOST_SHORT_NAME,
                    StringProvenance.class, me).getValue();
            Map<String, PrimitiveProvenance<?>> instance = new HashMap<>();
            for (String key : new String[]{ARFF_FILE_MODIFIED_TIME, XML_FILE_MODIFIED_TIME,
                    DATASOURCE_CREATION_TIME}) {
                instance.put(key, ObjectProvenance.checkAndExtractProvenance(configured, key,
                        DateTimeProvenance.class, me));
            }
            for (String key : new String[]{ARFF_RESOURCE_HASH, XML_RESOURCE_HASH}) {
                instance.put(key, ObjectProvenance.checkAndExtractProvenance(configured, key,
                        HashProvenance.class, me));
            }
            return new ExtractedInfo(className, hostShortName, configured, instance);
        }

        @Override
        public Map<String, PrimitiveProvenance<?>> getInstanceValues() {
            Map<String, PrimitiveProvenance<?>> map = super.getInstanceValues();
            map.put(arffModifiedTime.getKey(), arffModifiedTime);
            map.put(xmlModifiedTime.getKey(), xmlModifiedTime);
            map.put(creationTime.getKey(), creationTime);
            map.put(arffHash.getKey(), arffHash);
            map.put(xmlHash.getKey(), xmlHash);
            return map;
        }
    }
}
