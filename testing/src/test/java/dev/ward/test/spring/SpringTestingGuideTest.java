package dev.ward.test.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The testing guide quotes the Spring MVC test whole; this keeps the quote equal to the file
 * that the build compiles and runs (ReportsControllerTest).
 */
@DisplayName("docs/testing-spring.md")
class SpringTestingGuideTest {

    private static final Path GUIDE = Path.of("..", "docs", "testing-spring.md");
    private static final Path EXAMPLE = Path.of("src", "test", "java", "com", "example", "spring");

    @Test
    @DisplayName("quotes ReportsControllerTest.java whole, as it is")
    void quotesTheSpringMvcTestWhole() throws IOException {
        String source = Files.readString(EXAMPLE.resolve("ReportsControllerTest.java"));

        assertThat(Files.readString(GUIDE)).contains("```java\n" + source + "```\n");
    }
}
