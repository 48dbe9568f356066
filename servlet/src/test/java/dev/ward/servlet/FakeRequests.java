package dev.ward.servlet;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;

/** Requests for the unit tests: only headers, content type and cookies answer; anything else fails. */
final class FakeRequests {

    private FakeRequests() {
    }

    static HttpServletRequest withHeaders(Map<String, String> headers, Cookie... cookies) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return (HttpServletRequest) Proxy.newProxyInstance(FakeRequests.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> byName.get((String) args[0]);
                    case "getContentType" -> byName.get("Content-Type");
                    case "getCookies" -> cookies.length == 0 ? null : cookies.clone();
                    case "toString" -> "FakeRequest";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static HttpServletRequest withHeader(String name, String value) {
        return withHeaders(Map.of(name, value));
    }

    static HttpServletRequest empty() {
        return withHeaders(Map.of());
    }
}
