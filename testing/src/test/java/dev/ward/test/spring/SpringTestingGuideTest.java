package dev.ward.test.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The testing guide quotes the Spring MVC test whole and the controller's endpoints; this keeps the quote equal to the file
 * that the build compiles and runs (ReportsControllerTest).
 */
@DisplayName("docs/testing-spring.md")
class SpringTestingGuideTest {

    private static final Path GUIDE = Path.of("..", "docs", "testing.md");
    private static final Path EXAMPLE = Path.of("src", "test", "java", "com", "example", "spring");

    @Test
    @DisplayName("quotes ReportsControllerTest.java whole, as it is")
    void quotesTheSpringMvcTestWhole() throws IOException {
        String source = Files.readString(EXAMPLE.resolve("ReportsControllerTest.java"));

        assertThat(Files.readString(GUIDE)).contains("```java\n" + source + "```\n");
    }

    @Test
    @DisplayName("quotes the controller's two endpoints as ReportsController.java has them")
    void quotesTheControllerEndpoints() throws IOException {
        String guide = Files.readString(GUIDE);
        // The quote leaves out the methods' Javadoc.
        String controller = Files.readString(EXAMPLE.resolve("ReportsController.java"))
                .replaceAll("(?s)\\n *\\Q/**\\E.*?\\Q*/\\E", "");
        int start = guide.indexOf("```java\n@GetMapping(\"/reports\")");
        String quote = guide.substring(start + "```java\n".length(), guide.indexOf("```", start + 3));

        assertThat(start).isNotNegative();
        assertThat(controller).contains(quote.indent(4).replace("\n    \n", "\n\n"));
    }
}
