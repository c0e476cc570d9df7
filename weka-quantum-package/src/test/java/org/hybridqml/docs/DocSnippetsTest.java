package org.hybridqml.docs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java blocks of README.md and docs/*.md whose snippet markers point into weka-quantum-package quote their source
 * regions exactly ({@link DocSnippets}, from shared-sim's test jar); the quoted code runs in
 * {@link WekaExampleTest}.
 */
class DocSnippetsTest {

    @Test
    void docsQuoteThisModulesSnippetsExactly() {
        assertTrue(DocSnippets.assertModuleSnippetsMatch("weka-quantum-package") > 0, "no doc block points into weka-quantum-package");
    }
}
