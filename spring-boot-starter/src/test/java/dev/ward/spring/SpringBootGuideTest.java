package dev.ward.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/spring-boot.md quotes the minimal application whole and lists every property: this keeps
 * the quote equal to the file the build compiles and runs (MinimalApplicationTest), and the
 * table equal to the metadata that the configuration processor generates.
 */
@DisplayName("docs/spring-boot.md")
class SpringBootGuideTest {

    private static final Path GUIDE = Path.of("..", "docs", "spring-boot.md");
    private static final Path EXAMPLE = Path.of("src", "test", "java", "com", "example", "spring", "MinimalApplication.java");
    private static final Path METADATA = Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");
    private static final Pattern PROPERTY = Pattern.compile("\"name\"\\s*:\\s*\"(ward\\.[^\"]+)\"");
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `(ward\\.[^`]+)` \\|");

    @Test
    void quotesTheMinimalApplicationWhole() throws IOException {
        String source = Files.readString(EXAMPLE);

        assertThat(Files.readString(GUIDE)).contains("```java\n" + source + "```\n");
    }

    @Test
    void itsPropertyTableListsExactlyTheGeneratedProperties() throws IOException {
        String metadata = Files.readString(METADATA);
        // The properties, not the groups that come before them.
        List<String> generated = names(PROPERTY, metadata.substring(metadata.indexOf("\"properties\"")));
        String guide = Files.readString(GUIDE);
        List<String> documented = names(TABLE_ROW, guide.substring(guide.indexOf("## Every property")));

        assertThat(generated).hasSizeGreaterThan(40);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(generated);
    }

    private static List<String> names(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.results().map(result -> result.group(1)).distinct().toList();
    }
}
