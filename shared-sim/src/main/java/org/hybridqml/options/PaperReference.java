package org.hybridqml.options;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bibliographic reference of a paper a classifier implements, in one place for every platform (Weka's and
 * MEKA's {@code TechnicalInformation}, documentation). Titles, authors and years are those of the arXiv records
 * (checked against the arXiv abstract pages, {@link #url()}).
 *
 * @param authors  the authors, "First Last", in the paper's order
 * @param title    the exact title
 * @param year     the year of the first arXiv version
 * @param arxivId  the arXiv identifier
 */
public record PaperReference(List<String> authors, String title, int year, String arxivId) implements Serializable {

    /** Jain &amp; Kalev: QuFeX and Qu-Net (segmentation). */
    public static final PaperReference QUFEX = new PaperReference(List.of("Naman Jain", "Amir Kalev"),
            "QuFeX: Quantum feature extraction module for hybrid quantum-classical deep neural networks", 2025,
            "2501.13165");

    /** Ning, Li &amp; Chen: quantum pointwise convolution (image classification). */
    public static final PaperReference QUANTUM_POINTWISE_CONVOLUTION = new PaperReference(
            List.of("An Ning", "Tai-Yue Li", "Nan-Yow Chen"),
            "Quantum Pointwise Convolution: A Flexible and Scalable Approach for Neural Network Enhancement", 2024,
            "2412.01241");

    /** Chan, Kulkarni, Yi &amp; Parekh: the dressed quantum circuit (DQC) head (multi-label chest X-rays). */
    public static final PaperReference DRESSED_QUANTUM_CIRCUIT = new PaperReference(
            List.of("Skylar Chan", "Pranav Kulkarni", "Paul H. Yi", "Vishwa S. Parekh"),
            "Expanding the Horizon: Enabling Hybrid Quantum Transfer Learning for Long-Tailed Chest X-Ray "
                    + "Classification", 2024, "2405.00156");

    /**
     * Checks the fields.
     */
    public PaperReference {
        authors = List.copyOf(authors);
        if (authors.isEmpty() || title.isBlank() || arxivId.isBlank()) {
            throw new IllegalArgumentException("a reference needs authors, a title and an arXiv id");
        }
    }

    /** @return the authors joined with " and ", as BibTeX (and Weka's TechnicalInformation) expect */
    public String bibtexAuthors() {
        return String.join(" and ", authors);
    }

    /** @return {@code arXiv:<id>} */
    public String note() {
        return "arXiv:" + arxivId;
    }

    /** @return the arXiv abstract page */
    public String url() {
        return "https://arxiv.org/abs/" + arxivId;
    }

    /**
     * The BibTeX fields of this reference, as a platform's citation object (Weka's and MEKA's
     * {@code TechnicalInformation}, entry type {@code misc}) takes them: author, title, year, note, url, in that
     * order, keyed by their lower-case BibTeX names.
     *
     * @return the fields, in order
     */
    public Map<String, String> bibtexFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("author", bibtexAuthors());
        fields.put("title", title);
        fields.put("year", String.valueOf(year));
        fields.put("note", note());
        fields.put("url", url());
        return Collections.unmodifiableMap(fields);
    }

    /**
     * A classifier's "About" text: its description, then the reference as the platform formats it.
     *
     * @param description the classifier's description
     * @param formatted   this reference as the platform writes it (e.g. Weka's {@code TechnicalInformation}
     *                    {@code toString()})
     * @return {@code description}, a blank line, "For more information see:", a blank line, {@code formatted}
     */
    public static String aboutText(String description, String formatted) {
        return description + "\n\nFor more information see:\n\n" + formatted;
    }

    /** @return a one-line citation, e.g. {@code Jain, Kalev (2025). QuFeX: ... arXiv:2501.13165.} */
    public String citation() {
        return String.join(", ", authors) + " (" + year + "). " + title + ". " + note() + ".";
    }
}
