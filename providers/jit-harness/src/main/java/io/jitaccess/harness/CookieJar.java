package io.jitaccess.harness;

import java.net.CookieHandler;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The cookies of one scripted browser (a test's or a benchmark's) talking to one local server. Unlike the JDK's CookieManager it sends
 * cookies marked Secure over http://localhost, as browsers do for localhost.
 */
public final class CookieJar extends CookieHandler {

    private final Map<String, String> cookies = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        if (cookies.isEmpty()) {
            return Map.of();
        }
        String header = cookies.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
        return Map.of("Cookie", List.of(header));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                values.forEach(this::store);
            }
        });
    }

    private void store(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = pair.substring(0, eq).strip();
        String value = pair.substring(eq + 1).strip();
        boolean expired = setCookie.toLowerCase().contains("max-age=0") || value.isEmpty();
        if (expired) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }
}
