package dev.ward.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/stores.md quotes the example store and its kit subclass whole; this keeps the quotes
 * equal to the files that the build compiles and runs (MapBackedUserRepositoryTest).
 */
@DisplayName("docs/stores.md")
class StoresGuideTest {

    private static final Path GUIDE = Path.of("..", "docs", "stores.md");
    private static final Path EXAMPLE = Path.of("src", "test", "java", "com", "example", "store");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MapBackedUserRepository.java", "MapBackedUserRepositoryTest.java"})
    @DisplayName("quotes the example's source file whole, as it is")
    void quotesExampleFileWhole(String file) throws IOException {
        String source = Files.readString(EXAMPLE.resolve(file));

        assertThat(Files.readString(GUIDE)).contains("```java\n" + source + "```\n");
    }
}
