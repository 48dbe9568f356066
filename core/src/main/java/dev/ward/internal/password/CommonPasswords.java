package dev.ward.internal.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The bundled list of common passwords that {@code PasswordPolicy} refuses (and that the HS256
 * secret check looks for), loaded on first use and kept sorted.
 */
public final class CommonPasswords {
    private static final String[] SORTED = load();

    private CommonPasswords() {
    }

    /**
     * Tells whether a password is on the list.
     *
     * @param lowerCasePassword the password, lower-cased in the root locale
     * @return true when it is a common password
     */
    public static boolean contains(String lowerCasePassword) {
        return Arrays.binarySearch(SORTED, lowerCasePassword) >= 0;
    }

    private static String[] load() {
        List<String> words = new ArrayList<>(30_000);
        try (InputStream in = CommonPasswords.class.getResourceAsStream("/dev/ward/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from ward-core");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    words.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("common-passwords.txt could not be read", e);
        }
        String[] sorted = words.toArray(String[]::new);
        Arrays.sort(sorted);
        return sorted;
    }
}
