package io.gmerecording.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code blocks of the README and of {@code docs/} are the consumer projects' sources, imports included: a block
 * marked {@code <!-- consumer-build: PROJECT/PATH -->} must equal that file, which the invoker compiles (and runs) as
 * a user's separate Maven project would. So a block that no longer compiles fails the build. The README stays a
 * guide (under 300 lines), and every link of the README and the docs points into the repository or to a web page.
 */
class ReadmeBlocksTest {

    private static final Path MODULE = Paths.get("").toAbsolutePath();
    private static final Path README = MODULE.getParent().resolve("README.md");
    private static final Path DOCS = MODULE.getParent().resolve("docs");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Path PROJECTS = MODULE.resolve("src/it");
    private static final Pattern MARKED_BLOCK =
            Pattern.compile("<!-- consumer-build: (\\S+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyMarkedReadmeBlockIsExactlyItsConsumerProjectsFile() throws IOException {
        Map<String, String> blocks = markedBlocks();

        for (Map.Entry<String, String> block : blocks.entrySet()) {
            Path file = PROJECTS.resolve(block.getKey());
            assertThat(file).as("the file the README block names").isRegularFile();
            assertThat(block.getValue()).as("the block for " + block.getKey() + " (copy the file into the page)")
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyConsumerProjectHasItsCodeInTheReadme() throws IOException {
        Map<String, String> blocks = markedBlocks();
        try (Stream<Path> projects = Files.list(PROJECTS)) {
            for (Path project : projects.filter(Files::isDirectory).collect(Collectors.toList())) {
                String name = project.getFileName().toString();
                assertThat(blocks.keySet()).as("blocks of consumer project " + name + " in the README or docs/")
                        .anyMatch(path -> path.startsWith(name + "/"));
            }
        }
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void theReadmeIsAGuideUnderThreeHundredLines() throws IOException {
        assertThat(Files.readAllLines(README, StandardCharsets.UTF_8)).as("lines of README.md (the rest goes to docs/)")
                .hasSizeLessThan(300);
    }

    @Test
    void everyLinkPointsIntoTheRepositoryOrToAWebPage() throws IOException {
        for (Path page : pages()) {
            Matcher link = LINK.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("https://") || target.startsWith("http://") || target.startsWith("#")) {
                    continue;
                }
                Path resolved = page.getParent().resolve(target.replaceFirst("#.*", "")).normalize();
                assertThat(resolved).as("the link %s of %s", target, page.getFileName())
                        .startsWith(MODULE.getParent()).exists();
            }
        }
    }

    /** README.md and every page of docs/. */
    private static java.util.List<Path> pages() throws IOException {
        java.util.List<Path> pages = new java.util.ArrayList<>();
        pages.add(README);
        try (Stream<Path> docs = Files.list(DOCS)) {
            docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static Map<String, String> markedBlocks() throws IOException {
        Map<String, String> blocks = new LinkedHashMap<>();
        for (Path page : pages()) {
            Matcher block = MARKED_BLOCK.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (block.find()) {
                assertThat(blocks.put(block.group(1), block.group(2))).as("the README and docs/ mark "
                        + block.group(1) + " twice").isNull();
            }
        }
        return blocks;
    }
}
