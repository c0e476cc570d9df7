package weka.classifiers.functions;

import org.hybridqml.options.OptionDef;
import org.hybridqml.options.OptionSpec;
import org.hybridqml.options.OptionValues;
import org.hybridqml.options.PaperReference;
import weka.core.Option;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;

import java.util.List;

/**
 * The Weka side of the engine-neutral option specs ({@link OptionSpec}) that every classifier of this package uses:
 * Weka {@link Option} listings, {@link Tag}s for choice options, and {@link TechnicalInformation} from a
 * {@link PaperReference}. Parsing and writing options is done by the spec itself.
 */
final class QuantumOptionSupport {

    private QuantumOptionSupport() {
    }

    /**
     * @param spec the options
     * @param into where to add one Weka {@link Option} per option
     */
    static void list(OptionSpec spec, List<Option> into) {
        for (OptionDef d : spec.options()) {
            String name = d.kind() == OptionDef.Kind.BOOLEAN && d.flag() == null ? d.trueFlag() : d.flag();
            into.add(new Option(d.listDescription(), name, d.numArguments(), d.synopsis()));
        }
    }

    /**
     * @param spec a spec
     * @param name a choice option of it
     * @return one tag per choice, ids 0.., keeping the names' spelling
     */
    static Tag[] tags(OptionSpec spec, String name) {
        OptionDef d = spec.get(name);
        Tag[] t = new Tag[d.choices().size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = new Tag(i, d.choices().get(i), d.choiceDescriptions().get(i), false);
        }
        return t;
    }

    /**
     * @param values values
     * @param name   a choice option
     * @param tags   its tags from {@link #tags}
     * @return the current choice as a SelectedTag
     */
    static SelectedTag selected(OptionValues values, String name, Tag[] tags) {
        return new SelectedTag(values.choiceIndex(name), tags);
    }

    /**
     * Sets a choice from a SelectedTag (ignored when the tag belongs to other tags, as Weka classifiers do).
     *
     * @param values values
     * @param name   a choice option
     * @param tag    the selection
     * @param tags   the option's tags
     */
    static void select(OptionValues values, String name, SelectedTag tag, Tag[] tags) {
        if (tag.getTags() == tags) {
            values.set(name, tag.getSelectedTag().getIDStr());
        }
    }

    /**
     * @param paper a paper
     * @return its BibTeX-style technical information
     */
    static TechnicalInformation technicalInformation(PaperReference paper) {
        TechnicalInformation info = new TechnicalInformation(Type.MISC);
        info.setValue(Field.AUTHOR, paper.bibtexAuthors());
        info.setValue(Field.TITLE, paper.title());
        info.setValue(Field.YEAR, String.valueOf(paper.year()));
        info.setValue(Field.NOTE, paper.note());
        info.setValue(Field.URL, paper.url());
        return info;
    }
}
