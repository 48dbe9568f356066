package dev.ward.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The README's quick start")
class QuickStartTest {

    private static final Path SOURCE = Path.of("src/main/java/dev/ward/examples/QuickStart.java");

    @Test
    @DisplayName("runs: signs up, logs in, authenticates, refreshes and logs out")
    void runs() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(original);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8)).containsPattern("signed in as user [0-9a-f-]{36} with roles \\[user]");
    }

    @Test
    @DisplayName("is about ten lines, and every README that shows it shows exactly the compiled code")
    void readmesShowTheCompiledCode() throws IOException {
        List<String> snippet = snippet();
        assertThat(snippet).hasSizeBetween(8, 12);

        int checked = 0;
        for (Path readme : List.of(Path.of("README.md"), Path.of("../README.md"))) {
            if (!Files.exists(readme)) {
                continue;
            }
            String text = Files.readString(readme);
            if (!text.contains("AuthManager.builder()")) {
                continue; // this README does not show the quick start (yet)
            }
            assertThat(text).as(readme + " shows the code of QuickStart.java").contains(String.join("\n", snippet));
            checked++;
        }
        assertThat(checked).as("README.md of the examples module shows the quick start").isPositive();
    }

    /** The lines between the tags in QuickStart.java, with the common indentation removed. */
    private static List<String> snippet() throws IOException {
        List<String> lines = Files.readAllLines(SOURCE);
        int start = lines.indexOf("        // tag::quickstart[]");
        int end = lines.indexOf("        // end::quickstart[]");
        assertThat(start).isNotNegative();
        assertThat(end).isGreaterThan(start);
        List<String> snippet = new ArrayList<>();
        for (String line : lines.subList(start + 1, end)) {
            snippet.add(line.length() >= 8 ? line.substring(8) : line.strip());
        }
        return snippet;
    }
}
