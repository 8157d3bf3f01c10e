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
 * The README's code blocks are the consumer projects' sources, imports included: a block marked
 * {@code <!-- consumer-build: PROJECT/PATH -->} must equal that file, which the invoker compiles (and runs) as a user's
 * separate Maven project would. So a README block that no longer compiles fails the build.
 */
class ReadmeBlocksTest {

    private static final Path MODULE = Paths.get("").toAbsolutePath();
    private static final Path README = MODULE.getParent().resolve("README.md");
    private static final Path PROJECTS = MODULE.resolve("src/it");
    private static final Pattern MARKED_BLOCK =
            Pattern.compile("<!-- consumer-build: (\\S+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyMarkedReadmeBlockIsExactlyItsConsumerProjectsFile() throws IOException {
        Map<String, String> blocks = markedBlocks();

        for (Map.Entry<String, String> block : blocks.entrySet()) {
            Path file = PROJECTS.resolve(block.getKey());
            assertThat(file).as("the file the README block names").isRegularFile();
            assertThat(block.getValue()).as("README block for " + block.getKey() + " (copy the file into README.md)")
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyConsumerProjectHasItsCodeInTheReadme() throws IOException {
        Map<String, String> blocks = markedBlocks();
        try (Stream<Path> projects = Files.list(PROJECTS)) {
            for (Path project : projects.filter(Files::isDirectory).collect(Collectors.toList())) {
                String name = project.getFileName().toString();
                assertThat(blocks.keySet()).as("README blocks of consumer project " + name)
                        .anyMatch(path -> path.startsWith(name + "/"));
            }
        }
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(3);
    }

    private static Map<String, String> markedBlocks() throws IOException {
        Matcher block = MARKED_BLOCK.matcher(Files.readString(README, StandardCharsets.UTF_8));
        Map<String, String> blocks = new LinkedHashMap<>();
        while (block.find()) {
            assertThat(blocks.put(block.group(1), block.group(2))).as("README marks " + block.group(1) + " twice")
                    .isNull();
        }
        return blocks;
    }
}
