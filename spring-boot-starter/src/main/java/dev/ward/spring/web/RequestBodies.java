package dev.ward.spring.web;

import dev.ward.AuthException;
import dev.ward.FieldViolation;
import dev.ward.servlet.CsrfRule;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads request bodies as the example server does: JSON objects only, {@code application/json}
 * only, at most {@value #MAX_BODY_BYTES} bytes, a key given twice refused. Error messages never
 * quote the body.
 */
final class RequestBodies {

    /** The largest request body accepted, in bytes. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** The mapper that reads bodies; also fine for writing answers. */
    ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Reads the body as a JSON object: null when there is none. Refuses a body over
     * {@link #MAX_BODY_BYTES} (413, before reading when its length is declared), one that is not
     * {@code application/json}, not JSON, or not an object (400).
     */
    ObjectNode read(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            throw new WebError(413, "PAYLOAD_TOO_LARGE", ErrorAnswers.messageOf(413));
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new WebError(400, "BAD_REQUEST", "the body could not be read");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new WebError(413, "PAYLOAD_TOO_LARGE", ErrorAnswers.messageOf(413));
        }
        // A declared body that something before us read already (a form's parameters) is still refused.
        if (bytes.length == 0 && declared <= 0) {
            return null;
        }
        if (!CsrfRule.isJson(request.getContentType())) {
            throw new WebError(400, "BAD_REQUEST", "Content-Type must be application/json");
        }
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new WebError(400, "BAD_REQUEST", "the body is not valid JSON" + where);
        }
        if (node == null || node.isMissingNode()) {
            return null;
        }
        if (!node.isObject()) {
            throw new WebError(400, "BAD_REQUEST", "the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Reads string fields of a JSON body, collecting a violation for each one of another type. */
    static final class Fields {
        private final ObjectNode node;
        private final List<FieldViolation> violations = new ArrayList<>();

        Fields(ObjectNode node) {
            this.node = node;
        }

        String string(String name) {
            JsonNode value = node == null ? null : node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isString()) {
                violations.add(new FieldViolation(name, "must be a string"));
                return null;
            }
            return value.stringValue();
        }

        List<FieldViolation> violations() {
            return List.copyOf(violations);
        }

        void check() {
            if (!violations.isEmpty()) {
                throw AuthException.invalidRequest(violations);
            }
        }
    }
}
