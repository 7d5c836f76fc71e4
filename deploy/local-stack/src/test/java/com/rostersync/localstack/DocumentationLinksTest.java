package com.rostersync.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A reader who follows a link in the README or docs, or a file a code comment names under docs/, finds it: links to
 * files that were renamed or never written are how documentation quietly stops matching the code.
 */
class DocumentationLinksTest {

    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern DOCS_MENTION = Pattern.compile("\\bdocs/[A-Za-z0-9_-]+\\.md");

    @Test
    void everyRelativeLinkInTheMarkdownResolves() throws IOException {
        Path root = DeploymentFilesTest.repositoryRoot();
        List<String> broken = new ArrayList<>();
        for (Path markdown : files(root, ".md")) {
            Matcher link = MARKDOWN_LINK.matcher(Files.readString(markdown));
            while (link.find()) {
                String target = link.group(1).replaceAll("#.*$", "");
                if (target.isEmpty() || target.matches("^[a-z]+:.*")) {
                    continue;
                }
                if (!Files.exists(markdown.getParent().resolve(target))) {
                    broken.add(root.relativize(markdown) + " -> " + link.group(1));
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void everyDocsPageTheCodeNamesExists() throws IOException {
        Path root = DeploymentFilesTest.repositoryRoot();
        List<String> missing = new ArrayList<>();
        for (Path source : files(root, ".java")) {
            Matcher mention = DOCS_MENTION.matcher(Files.readString(source));
            while (mention.find()) {
                if (!Files.isRegularFile(root.resolve(mention.group()))) {
                    missing.add(root.relativize(source) + " -> " + mention.group());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** The tracked-looking files of the repository with this ending: build output and dot-folders left out. */
    private static List<Path> files(Path root, String ending) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.toString().endsWith(ending))
                    .filter(p -> {
                        String relative = root.relativize(p).toString();
                        return !relative.contains("target/")
                                && !relative.startsWith(".")
                                && !relative.contains("/.")
                                && !relative.contains("node_modules");
                    })
                    .toList();
        }
    }
}
