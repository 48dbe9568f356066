package dev.ward.spring.security;

import dev.ward.spring.WardProperties;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The paths of Ward's web endpoints, which a security chain opens: they authenticate bearer
 * routes themselves (answering their own 401s) and apply Ward's own CSRF rule to the refresh
 * cookie, so neither Spring Security's authorization nor its CSRF tokens belong there.
 */
final class WardEndpointPaths {

    /** The JWKS, served by the endpoints outside the base path. */
    static final String JWKS_PATH = "/.well-known/jwks.json";

    private WardEndpointPaths() {
    }

    /** Everything under {@code ward.web.base-path} (checked to be a plain path when bound). */
    static RequestMatcher basePath(WardProperties properties) {
        return PathPatternRequestMatcher.withDefaults().matcher(properties.getWeb().getBasePath() + "/**");
    }

    /** The endpoints' paths (the base path and the JWKS) when {@code ward.web.endpoints.enabled=true}, else null. */
    static RequestMatcher ofEnabledEndpoints(WardProperties properties) {
        if (properties == null || !properties.getWeb().getEndpoints().isEnabled()) {
            return null;
        }
        return new OrRequestMatcher(basePath(properties), PathPatternRequestMatcher.withDefaults().matcher(JWKS_PATH));
    }
}
