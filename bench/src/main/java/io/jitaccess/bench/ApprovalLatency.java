package io.jitaccess.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figure 5: a user asks for a role on our login screen and waits; an approver approves through the API; we time
 * from the approve call until the waiting login moves on into the app. The waiting page is driven at the HTTP
 * level as a browser runs it: its "check" form is posted at the interval the page's own script uses.
 */
final class ApprovalLatency {

    private static final Pattern INTERVAL = Pattern.compile("jit-check\"\\)\\.click\\(\\); \\}, (\\d+)\\)");
    private static final int LANES = 4;

    private final Target jit;
    private final Otp otp;
    private final Report report;
    private final int samples;

    ApprovalLatency(Target jit, Otp otp, Report report, int samples) {
        this.jit = jit;
        this.otp = otp;
        this.report = report;
        this.samples = Math.min(samples, BenchRealm.APPROVAL_USERS);
    }

    void run() {
        report.section("5. Approval latency: approve call -> the waiting login moves on");
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        int[] interval = {0};
        Parallel.run(LANES, samples, i -> {
            double ms = sample(BenchRealm.approvalUser(i), new Random(i), interval);
            latencies.add(ms);
        });
        Stats stats = Stats.of(latencies, 0, 0);
        report.line(
                "method: %d requests, %d at a time; the waiting page posts its check form every %d ms (its own script);"
                        + " the approver approves 0-1 s after the page first shows",
                stats.count(), LANES, interval[0]);
        report.line("  p50 %.0f ms, p99 %.0f ms, max %.0f ms", stats.percentile(50), stats.percentile(99), stats.max());
        report.verdict("approval latency p99 " + String.format(java.util.Locale.ROOT, "%.0f", stats.percentile(99))
                + " ms, target <= 2000 ms: " + (stats.percentile(99) <= 2000 ? "met" : "MISSED"));
    }

    private double sample(String username, Random random, int[] interval) {
        WebLogin browser = new WebLogin(jit.base(), BenchRealm.NAME);
        WebLogin.Page page = browser.signIn(
                BenchRealm.APP,
                BenchRealm.APP_REDIRECT,
                username,
                BenchRealm.PASSWORD,
                otp.code(jit.name, username),
                true);
        Matcher policy =
                Pattern.compile("name=\"policy\"[^>]*value=\"([^\"]+)\"").matcher(page.html());
        if (!policy.find()) {
            throw new IllegalStateException("no policy offered to " + username + ": " + WebLogin.snippet(page.html()));
        }
        WebLogin.Page waiting = browser.post(
                page,
                Map.of(
                        "policy",
                        policy.group(1),
                        "duration",
                        "PT5M",
                        "justification",
                        "bench",
                        "ticket",
                        "",
                        "request",
                        ""),
                BenchRealm.APP_REDIRECT);
        Matcher every = INTERVAL.matcher(waiting.html());
        if (!waiting.shows("id=\"jit-check\"") || !every.find()) {
            throw new IllegalStateException(
                    "no waiting page for " + username + ": " + WebLogin.snippet(waiting.html()));
        }
        int pollMillis = Integer.parseInt(every.group(1));
        interval[0] = pollMillis;
        // the page, as a browser runs it: post "check" every interval until the login moves on
        CompletableFuture<Long> movedOn = CompletableFuture.supplyAsync(() -> {
            WebLogin.Page current = waiting;
            while (true) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollMillis));
                current = browser.post(current, Map.of("check", ""), BenchRealm.APP_REDIRECT);
                if (current.backInApp()) {
                    return System.nanoTime();
                }
                if (!current.shows("id=\"jit-check\"")) {
                    throw new IllegalStateException("the waiting page became: " + WebLogin.snippet(current.html()));
                }
            }
        });
        String requestId = pendingRequestOf(username);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(1000)));
        long approvedAt = System.nanoTime();
        Web.postJson(jit.api() + "/requests/" + requestId + "/approve", approverToken(), Map.of("comment", "bench"))
                .expect(200, "approve");
        return (movedOn.join() - approvedAt) / 1e6;
    }

    private String pendingRequestOf(String username) {
        JsonNode requests = Web.get(jit.admin() + "/jit/requests?status=PENDING&user=" + username, jit.adminToken())
                .expect(200, "requests")
                .json();
        if (requests.size() != 1) {
            throw new IllegalStateException("expected one pending request of " + username + ": " + requests);
        }
        return requests.get(0).path("id").asText();
    }

    private String approverToken;
    private long approverTokenUntil;

    private synchronized String approverToken() {
        if (System.currentTimeMillis() > approverTokenUntil) {
            JsonNode tokens = jit.signIn(BenchRealm.APPROVER, otp);
            approverToken = tokens.path("access_token").asText();
            approverTokenUntil =
                    System.currentTimeMillis() + (tokens.path("expires_in").asLong() - 30) * 1000;
        }
        return approverToken;
    }
}
