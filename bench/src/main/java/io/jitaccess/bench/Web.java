package io.jitaccess.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** HTTP as the benchmark speaks it: HTTP/1.1, no redirects followed, JSON and form bodies. */
final class Web {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One client for the load: its pool keeps one connection per concurrent worker. */
    static final HttpClient SHARED = client(null);

    private Web() {}

    static HttpClient client(java.net.CookieHandler cookies) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        if (cookies != null) {
            builder.cookieHandler(cookies);
        }
        return builder.build();
    }

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        Response expect(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + ": expected " + expected + ", got " + status + " " + body);
            }
            return this;
        }
    }

    static Response send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    static Response get(String url, String token) {
        return send(SHARED, request(url, token).GET().build());
    }

    static Response postJson(String url, String token, Object body) {
        try {
            return send(
                    SHARED,
                    request(url, token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                            .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response delete(String url, String token) {
        return send(SHARED, request(url, token).DELETE().build());
    }

    static Response putJson(String url, String token, Object body) {
        try {
            return send(
                    SHARED,
                    request(url, token)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                            .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response postForm(HttpClient client, String url, Map<String, String> fields) {
        return send(
                client,
                request(url, null)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                        .build());
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A value as one segment of a URL path (a space is %20 there, not +). */
    static String segment(String value) {
        return encode(value).replace("+", "%20");
    }
}
