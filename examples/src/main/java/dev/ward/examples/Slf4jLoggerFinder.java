package dev.ward.examples;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes {@link System.Logger}, which Ward logs through, to SLF4J, so the library's lines appear
 * in the server's own format and obey its levels. Registered as a service in
 * {@code META-INF/services/java.lang.System$LoggerFinder}; the JDK picks it on first use of
 * {@link System#getLogger(String)}.
 */
public final class Slf4jLoggerFinder extends System.LoggerFinder {

    /** Creates the finder; called by the JDK's service loader. */
    public Slf4jLoggerFinder() {
    }

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new Slf4jLogger(LoggerFactory.getLogger(name));
    }

    /** One SLF4J logger seen as a {@link System.Logger}. */
    private record Slf4jLogger(Logger slf4j) implements System.Logger {

        @Override
        public String getName() {
            return slf4j.getName();
        }

        @Override
        public boolean isLoggable(Level level) {
            return switch (level) {
                case ALL, TRACE -> slf4j.isTraceEnabled();
                case DEBUG -> slf4j.isDebugEnabled();
                case INFO -> slf4j.isInfoEnabled();
                case WARNING -> slf4j.isWarnEnabled();
                case ERROR -> slf4j.isErrorEnabled();
                case OFF -> false;
            };
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (!isLoggable(level)) {
                return;
            }
            String text = localized(bundle, message);
            switch (level) {
                case ALL, TRACE -> slf4j.trace(text, thrown);
                case DEBUG -> slf4j.debug(text, thrown);
                case INFO -> slf4j.info(text, thrown);
                case WARNING -> slf4j.warn(text, thrown);
                default -> slf4j.error(text, thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (!isLoggable(level)) {
                return;
            }
            String pattern = localized(bundle, format);
            String text = params == null || params.length == 0 ? pattern : MessageFormat.format(pattern, params);
            log(level, null, text, (Throwable) null);
        }

        private static String localized(ResourceBundle bundle, String key) {
            if (bundle == null || key == null || !bundle.containsKey(key)) {
                return key;
            }
            return bundle.getString(key);
        }
    }
}
