package io.jitaccess.keycloak.it;

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

/** Small HTTP helpers over the JDK client: JSON in, JSON out, status kept. */
public final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Http() {}

    /** A response: status, headers and body (parsed as JSON on demand). */
    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public static Response get(String url, String bearer) {
        return send(request(url, bearer).GET().build());
    }

    public static Response postJson(String url, String bearer, Object body) {
        try {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(request(url, bearer)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Response putJson(String url, String bearer, Object body) {
        try {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(request(url, bearer)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Response postForm(String url, String bearer, Map<String, String> form) {
        return send(request(url, bearer)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                .build());
    }

    public static Response delete(String url, String bearer) {
        return send(request(url, bearer).DELETE().build());
    }

    static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static HttpRequest.Builder request(String url, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    static Response send(HttpRequest request) {
        return send(CLIENT, request);
    }

    static Response send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
