package weka.classifiers.functions;

import org.hybridqml.io.ModelIntegrityException;
import org.hybridqml.io.SealedModel;
import org.hybridqml.io.SealedModelFiles;
import org.hybridqml.options.OptionDef;
import org.hybridqml.options.OptionSpec;
import org.hybridqml.options.OptionValues;
import org.hybridqml.options.PaperReference;
import org.hybridqml.options.TrainingOptionBean;
import org.hybridqml.qnn.HasTrainedCircuits;
import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.sim.draw.CircuitDrawing;
import weka.classifiers.Classifier;
import weka.classifiers.RandomizableClassifier;
import weka.classifiers.rules.ZeroR;
import weka.core.BatchPredictor;
import weka.core.Instances;
import weka.core.LogHandler;
import weka.core.Option;
import weka.core.SelectedTag;
import weka.core.SerializationHelper;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Vector;

/**
 * What every classifier of this package shares on the Weka side: the options, kept as {@link OptionValues} of an
 * engine-neutral {@link OptionSpec} and listed, parsed and written from it (before {@link RandomizableClassifier}'s
 * own {@code -S} seed and debug options); {@link Tag}s and {@link SelectedTag}s for choice options; the
 * {@link TechnicalInformation} and the "About" text from the implemented paper's {@link PaperReference}; batch
 * prediction; and a {@link ZeroR} fallback for training data that cannot train the network. The typed bean
 * accessors that Weka's GenericObjectEditor shows as properties come from the engine-neutral bean interfaces
 * ({@link TrainingOptionBean} here, a sub-interface in the subclass) or, for choice options shown as
 * {@link SelectedTag}s and options of one classifier only, from the subclass. Subclasses add the training and the
 * prediction, and name their trained circuits ({@link HasTrainedCircuits}), which the model output draws.
 */
public abstract class AbstractQuantumClassifier extends RandomizableClassifier
        implements TechnicalInformationHandler, BatchPredictor, TrainingOptionBean, LogHandler, HasTrainedCircuits {

    private static final long serialVersionUID = 1L;

    /** The current option values (of the spec given to the constructor). */
    protected final OptionValues opts;
    private final PaperReference paper;
    /** The Explorer's log panel and status bar (never serialised), or null. */
    private transient weka.gui.Logger guiLog;
    /** The model used instead of the network when the training data could not train one, else null. */
    protected ZeroR fallback;

    /**
     * A classifier with every option at its default and seed 1.
     *
     * @param spec  its options
     * @param paper the paper it implements
     */
    protected AbstractQuantumClassifier(OptionSpec spec, PaperReference paper) {
        this.opts = spec.defaults();
        this.paper = paper;
        setSeed(1);
    }

    /**
     * Java serialization (Weka's {@code -d}, the Explorer's "Save model", {@code SerializationHelper.write}) writes
     * the checksummed proxy {@link SealedWekaClassifier} in place of this classifier (and of every subclass): a
     * changed or missing byte of the saved classifier is an error naming the kind and the class on load, never a
     * silently different classifier.
     *
     * @return the proxy, or this classifier while it is written into the proxy's payload
     * @throws ObjectStreamException when the classifier cannot be serialized
     */
    @Serial
    protected Object writeReplace() throws ObjectStreamException {
        return SealedModel.replace(this, SealedWekaClassifier::new);
    }

    /**
     * Accepts this classifier only from the verified payload of its checksummed proxy
     * ({@link SealedModel#requireSealed}): a stream holding the classifier directly (saved before checksums) is
     * rejected instead of loading unverified.
     *
     * @param in the stream
     * @throws IOException            when the classifier is not read from a verified proxy, or on a read error
     * @throws ClassNotFoundException when a class of the stream is missing
     */
    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        SealedModel.requireSealed(this, SealedWekaClassifier.KIND);
        in.defaultReadObject();
    }

    /**
     * Reads a classifier saved by this package (Weka's {@code -d} file, the Explorer's "Save model",
     * {@code SerializationHelper.write}) and says what is wrong with a bad file. Weka's own readers report an empty
     * file, or one cut inside the Java-serialization framing, with the JDK's bare {@link java.io.EOFException}
     * (printed as "null"); this reader has the whole file and names the file and the kind in every case.
     *
     * @param file the model file (a Weka {@code -d} file may hold the training header after the classifier)
     * @return the classifier
     * @throws ModelIntegrityException when the file is empty, truncated or corrupt, or holds no classifier of this
     *                                 package
     * @throws IOException             when the file cannot be read
     */
    public static Classifier readModelFile(String file) throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of(file));
        return SealedModelFiles.readModel(bytes, file, SealedWekaClassifier.KIND, SealedWekaClassifier.FRAMING,
                SerializationHelper::getObjectInputStream, AbstractQuantumClassifier.class,
                "a classifier of " + AbstractQuantumClassifier.class.getPackageName());
    }

    /**
     * The command line of the subclasses' {@code main}: Weka's {@link #runClassifier}, after a check of the
     * {@code -l} model file (if any) with {@link #readModelFile}, so that an empty, truncated or corrupt model file
     * is reported with the file and the kind (on standard error, as Weka reports its errors) instead of a bare
     * "null".
     *
     * @param classifier a classifier of the subclass
     * @param args       the command-line options
     */
    protected static void runQuantumClassifier(AbstractQuantumClassifier classifier, String[] args) {
        if (modelFileReadable(args)) {
            runClassifier(classifier, args);
        }
    }

    /**
     * {@code weka.Run}'s entry point: the same {@code -l} check as {@link #runQuantumClassifier}, then Weka's own.
     *
     * @param toRun   the classifier to run
     * @param options the command-line options
     * @throws Exception what Weka's {@code run} throws
     */
    @Override
    public void run(Object toRun, String[] options) throws Exception {
        if (modelFileReadable(options)) {
            super.run(toRun, options);
        }
    }

    /**
     * @param args command-line options
     * @return true when there is no {@code -l} option, or its file holds a readable classifier of this package;
     *         otherwise the problem is printed on standard error
     */
    private static boolean modelFileReadable(String[] args) {
        String modelFile;
        try {
            modelFile = Utils.getOption('l', args.clone());
        } catch (Exception e) {
            return true; // Weka reports its own option errors
        }
        if (modelFile.isEmpty() || modelFile.endsWith(".xml") || modelFile.endsWith(".koml")) {
            return true;
        }
        try {
            readModelFile(modelFile);
            return true;
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return false;
        }
    }

    @Override
    public final OptionValues optionValues() {
        return opts;
    }

    /** @return what the classifier does, the first part of {@link #globalInfo()} */
    protected abstract String description();

    /** @return the Explorer's "About" text: the description and the paper's reference */
    public String globalInfo() {
        return PaperReference.aboutText(description(), getTechnicalInformation().toString());
    }

    @Override
    public TechnicalInformation getTechnicalInformation() {
        TechnicalInformation info = new TechnicalInformation(Type.MISC);
        for (Map.Entry<String, String> f : paper.bibtexFields().entrySet()) {
            info.setValue(Field.valueOf(f.getKey().toUpperCase(Locale.ROOT)), f.getValue());
        }
        return info;
    }

    @Override
    public boolean implementsMoreEfficientBatchPrediction() {
        return true;
    }

    // ----------------------------------------------------------------------------------------------- circuits

    /**
     * The trained model's circuits with their trained parameters (inputs symbolic when drawn).
     *
     * @return the circuits; empty before {@code buildClassifier}, for a ZeroR fallback and for a classical variant
     * @throws IllegalStateException if the stored trained network cannot be restored
     */
    @Override
    public abstract List<TrainedCircuit> trainedCircuits();

    /**
     * The "Trained circuit(s)" section of the model output: {@link TrainedCircuit#describeAll} in ASCII (Weka's
     * output panes and consoles may lack box-drawing glyphs), lines at most
     * {@link CircuitDrawing#DEFAULT_MAX_WIDTH} characters, after a blank line.
     *
     * @return the section, or the empty string when there is no circuit
     */
    protected String trainedCircuitsSection() {
        try {
            return TrainedCircuit.descriptionSuffix(trainedCircuits(), CircuitDrawing.Style.ASCII);
        } catch (RuntimeException e) {
            return "\n(trained circuits not readable: " + e.getMessage() + ")\n";
        }
    }

    // ----------------------------------------------------------------------------------------------- fallback

    /**
     * Whether training prints its progress lines ({@link #progressOut()}): by default, and always with the debug
     * flag; not with {@code -no-progress} ({@link #getProgress()}).
     *
     * @return whether to print progress
     */
    protected boolean showProgress() {
        return getProgress() || getDebug();
    }

    /**
     * Where the progress lines go: standard error (the terminal of {@code weka.Run}; in the GUI the console Weka was
     * started from and the GUI Chooser's "Program &gt; LogWindow"), and, when the Explorer has given this
     * classifier its logger ({@link #setLog}), also the Explorer's log panel and status bar.
     *
     * @return the stream for the trainer's progress lines
     */
    protected PrintStream progressOut() {
        weka.gui.Logger log = guiLog;
        return log == null ? System.err : new ProgressStream(System.err, log);
    }

    /**
     * Called by the Explorer (and the Knowledge Flow) with its log before training; not saved with the model.
     *
     * @param log the GUI's logger, or null
     */
    @Override
    public void setLog(weka.gui.Logger log) {
        guiLog = log;
    }

    /** @return the GUI's logger, or null */
    @Override
    public weka.gui.Logger getLog() {
        return guiLog;
    }

    /** @return tip text of the (GUI-set, not editable) log property */
    public String logTipText() {
        return "The Explorer's log, set by the Explorer: progress lines go to its log and status bar.";
    }

    /**
     * Trains the {@link #fallback} ZeroR model on {@code train}, saying so on standard error with the debug flag.
     *
     * @param train        the training data
     * @param debugMessage why the network is not trained
     * @throws Exception what ZeroR throws
     */
    protected void useFallback(Instances train, String debugMessage) throws Exception {
        fallback = new ZeroR();
        fallback.buildClassifier(train);
        if (getDebug()) {
            System.err.println(debugMessage);
        }
    }

    /**
     * @param insts instances
     * @return the {@link #fallback} model's distribution for each
     * @throws Exception what ZeroR throws
     */
    protected double[][] fallbackDistributions(Instances insts) throws Exception {
        double[][] out = new double[insts.numInstances()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = fallback.distributionForInstance(insts.instance(r));
        }
        return out;
    }

    // ----------------------------------------------------------------------------------------------- OpenQASM

    /**
     * Writes the OpenQASM programs of a {@code -qasm-file} option: one program to the path itself; several (a Qu-Net
     * with two QuFeX filters, a pointwise layer with several circuits) each to its own file, numbered from 1 before
     * the extension ({@code out.qasm} becomes {@code out-1.qasm}, {@code out-2.qasm}), so that every file is one
     * complete program a backend or {@code OpenQasmImporter} can read.
     *
     * @param path     the option's value, not empty
     * @param programs the programs, in circuit order
     * @return the files written
     * @throws IOException on a write error
     */
    static List<Path> writeQasmFiles(String path, List<String> programs) throws IOException {
        Path file = Path.of(path);
        List<Path> files = new java.util.ArrayList<>();
        if (programs.size() == 1) {
            files.add(file);
        } else {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String stem = dot > 0 ? name.substring(0, dot) : name;
            String ext = dot > 0 ? name.substring(dot) : "";
            for (int k = 1; k <= programs.size(); k++) {
                files.add(file.resolveSibling(stem + "-" + k + ext));
            }
        }
        for (int k = 0; k < programs.size(); k++) {
            Files.writeString(files.get(k), programs.get(k), java.nio.charset.StandardCharsets.UTF_8);
        }
        return files;
    }

    /**
     * Checks the circuit site chosen for the OpenQASM export (a bottleneck patch, a pixel) against the number of
     * sites of the network the classifier will build.
     *
     * @param option the site option
     * @param value  its value (already checked to be &ge; 0)
     * @param sites  the sites per image; 0 when the network has no quantum layer (nothing is checked)
     * @param what   what the sites are, for the message, e.g. {@code "the QuFeX bottleneck of 32x32 images has 32
     *               patches"}
     * @throws IllegalArgumentException naming the option, its flag and the valid range
     */
    static void checkQasmSite(OptionDef option, int value, int sites, String what) {
        if (sites > 0 && value >= sites) {
            throw new IllegalArgumentException("Option " + option.name() + " (-" + option.flag() + ") must be in 0.."
                    + (sites - 1) + " (" + what + "), got " + value);
        }
    }

    // ----------------------------------------------------------------------------------------------- options

    /**
     * @param spec a spec
     * @param name a choice option of it
     * @return one tag per choice, ids 0.., keeping the names' spelling
     */
    protected static Tag[] tags(OptionSpec spec, String name) {
        OptionDef d = spec.get(name);
        Tag[] t = new Tag[d.choices().size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = new Tag(i, d.choices().get(i), d.choiceDescriptions().get(i), false);
        }
        return t;
    }

    /**
     * @param name a choice option
     * @param tags its tags from {@link #tags}
     * @return the current choice as a SelectedTag
     */
    protected SelectedTag selected(String name, Tag[] tags) {
        return new SelectedTag(opts.choiceIndex(name), tags);
    }

    /**
     * Sets a choice from a SelectedTag (ignored when the tag belongs to other tags, as Weka classifiers do).
     *
     * @param name a choice option
     * @param tag  the selection
     * @param tags the option's tags
     */
    protected void select(String name, SelectedTag tag, Tag[] tags) {
        if (tag.getTags() == tags) {
            opts.store(name, tag.getSelectedTag().getIDStr());
        }
    }

    @Override
    public Enumeration<Option> listOptions() {
        Vector<Option> v = new Vector<>();
        for (OptionDef d : opts.spec().options()) {
            v.add(new Option(d.listDescription(), d.listFlag(), d.numArguments(), d.synopsis()));
        }
        v.addAll(Collections.list(super.listOptions()));
        return v.elements();
    }

    @Override
    public void setOptions(String[] options) throws Exception {
        opts.spec().parse(options, opts);
        super.setOptions(options);
        Utils.checkForRemainingOptions(options);
    }

    @Override
    public String[] getOptions() {
        return opts.spec().toOptions(opts, super.getOptions());
    }
}
