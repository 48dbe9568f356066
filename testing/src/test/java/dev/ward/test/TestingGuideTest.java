package dev.ward.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/testing.md quotes its examples whole; this keeps the quotes equal to the files that the
 * build compiles and runs (com.example.service, com.example.servlet).
 */
@DisplayName("docs/testing.md")
class TestingGuideTest {

    private static final Path GUIDE = Path.of("..", "docs", "testing.md");
    private static final Path EXAMPLES = Path.of("src", "test", "java", "com", "example");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"service/OrderService.java", "service/OrderServiceTest.java",
            "servlet/ReportServlet.java", "servlet/ReportServletTest.java"})
    @DisplayName("quotes each example's source file whole, as it is")
    void quotesExampleFileWhole(String file) throws IOException {
        String source = Files.readString(EXAMPLES.resolve(file));

        assertThat(Files.readString(GUIDE)).contains("```java\n" + source + "```\n");
    }

    @Test
    @DisplayName("keeps a Spring MVC section")
    void keepsSpringMvcSection() throws IOException {
        assertThat(Files.readString(GUIDE)).contains("\n## Spring MVC\n");
    }
}
