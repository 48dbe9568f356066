package dev.ward.spring.web;

import dev.ward.AuthManager;
import dev.ward.servlet.WardCookies;
import dev.ward.spring.WardAutoConfiguration;
import dev.ward.spring.WardProperties;
import dev.ward.spring.metrics.WardMetrics;
import dev.ward.spring.metrics.WardMetricsAutoConfiguration;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves Ward's REST API, the example server's routes with exactly its contract, as Spring MVC
 * functional endpoints under {@code ward.web.base-path} (default {@code /api}), plus the JWKS at
 * {@code /.well-known/jwks.json}. On only with {@code ward.web.endpoints.enabled=true}, in a
 * servlet web application with Spring MVC and Jackson 3.
 *
 * <p>The routes: {@code POST signUp}, {@code POST logIn}, {@code POST} and {@code DELETE
 * refreshToken}, {@code GET} and {@code DELETE me}, {@code GET admin}, {@code GET} and
 * {@code DELETE sessions}, {@code DELETE sessions/{id}}, {@code POST verifyEmail},
 * {@code verifyEmail/resend}, {@code password/forgot}, {@code password/reset},
 * {@code email/change}, {@code email/confirm}, {@code logInLink}, {@code logInLink/confirm},
 * {@code admin/users/{id}/disable} and {@code .../enable}. Bearer routes authenticate the
 * {@code Authorization} header through the {@link AuthManager} themselves (so they answer their
 * own 401 with the RFC 6750 challenge, with or without Spring Security); the refresh cookie and
 * the device cookie are written by {@link WardCookies} ({@code Secure} unless
 * {@code ward.web.cookie-secure=false}); a request that uses the refresh cookie needs a JSON
 * content type or {@code X-Requested-With}. Bodies are JSON objects of at most 64 KiB with no key
 * twice. Errors are {@code {"error": true, "code", "message", "details"?}}, or RFC 9457 problem
 * details with {@code ward.web.problem-details=true}.
 *
 * <p>The whole base path belongs to these endpoints: a path under it that no route serves is a
 * JSON 404 (or 405), so a host's own controllers belong elsewhere. Uses the {@link AuthManager}
 * bean, the settings of the {@link WardProperties} bean ({@code ward.web.*}), and the host's
 * {@link Clock} bean if there is one (else the system clock) for the cookies' lifetimes. With
 * {@link WardMetrics} configured, log-ins and refreshes are timed by its timers.
 */
@AutoConfiguration(after = {WardAutoConfiguration.class, WardMetricsAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({RouterFunction.class, JsonMapper.class})
@ConditionalOnProperty(prefix = "ward.web.endpoints", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(WardProperties.class)
public class WardWebEndpointsAutoConfiguration {

    /** The default of {@code ward.web.base-path}. */
    public static final String DEFAULT_BASE_PATH = WardCookies.DEFAULT_BASE_PATH;

    /** Creates the configuration; Spring calls it. */
    public WardWebEndpointsAutoConfiguration() {
    }

    @Bean
    RouterFunction<ServerResponse> wardWebEndpoints(AuthManager auth, WardProperties properties,
                                                    ObjectProvider<Clock> clock, ObjectProvider<CallTimer> timer) {
        WardProperties.Web web = properties.getWeb();
        Clock time = clock.getIfUnique(Clock::systemUTC);
        if (!web.isCookieSecure()) {
            // Plain-HTTP development only: the refresh and device cookies would cross the network in clear.
            System.getLogger(WardWebEndpointsAutoConfiguration.class.getName()).log(System.Logger.Level.WARNING,
                    "ward.web.cookie-secure=false: the refresh and device cookies are sent over plain HTTP too; "
                            + "use it only for development on localhost");
        }
        WardCookies cookies = new WardCookies(web.getBasePath(), web.isCookieSecure());
        RequestBodies bodies = new RequestBodies();
        JsonAnswers json = new JsonAnswers(bodies.mapper());
        SessionEndpoints sessions = new SessionEndpoints(auth, time, cookies, bodies, json,
                timer.getIfUnique(() -> CallTimer.NONE));
        AccountEndpoints accounts = new AccountEndpoints(auth, sessions, cookies, bodies, json);
        return new WardRoutes(web.getBasePath(), sessions, accounts, new ErrorAnswers(json, web.isProblemDetails()))
                .routerFunction();
    }

    /**
     * Times log-ins and refreshes with {@link WardMetrics}, when Micrometer is on the class path
     * and the metrics are configured. Kept apart so that no Micrometer type is loaded without
     * Micrometer.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    @ConditionalOnBean(WardMetrics.class)
    static class Metered {

        @Bean
        CallTimer wardCallTimer(WardMetrics metrics) {
            return new MeteredCallTimer(metrics);
        }
    }
}
