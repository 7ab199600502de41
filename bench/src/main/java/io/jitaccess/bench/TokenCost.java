package io.jitaccess.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 1: client-credentials and refresh-token requests, 8 connections, on the same realm with and without our
 * providers, for callers holding 0 and 3 JIT grants (without JIT: 0 and 3 plain role mappings). Each server is
 * warmed up first; then rounds of every case alternate between the servers, and each case's rounds are merged.
 */
final class TokenCost {

    static final int CONNECTIONS = 8;

    private final Target plain;
    private final Target jit;
    private final Otp otp;
    private final Report report;
    private final double warmUpSeconds;
    private final double roundSeconds;
    private final int rounds;

    TokenCost(Target plain, Target jit, Otp otp, Report report, double warmUpSeconds, double roundSeconds, int rounds) {
        this.plain = plain;
        this.jit = jit;
        this.otp = otp;
        this.report = report;
        this.warmUpSeconds = warmUpSeconds;
        this.roundSeconds = roundSeconds;
        this.rounds = rounds;
    }

    /** One kind of request against one server, with the state (sessions) its workers use. */
    private record Case(String kind, Target target, List<String[]> sessions) {
        Load.Action action(int worker) {
            if (kind.startsWith("client-credentials")) {
                String client = kind.endsWith("3 grants") ? BenchRealm.BOT_GRANTED : BenchRealm.BOT_PLAIN;
                return () -> target.clientCredentials(client).expect(200, "client credentials");
            }
            String[] session = sessions.get(worker % sessions.size());
            return () -> {
                Web.Response response = target.refresh(session[0]).expect(200, "refresh");
                session[0] = response.json().path("refresh_token").asText();
            };
        }
    }

    void run() {
        report.section("1. Token cost: client credentials and refresh, " + CONNECTIONS + " connections");
        grantThreeRoles(jit);
        Map<String, Case[]> cases = new LinkedHashMap<>();
        for (String kind : List.of(
                "client-credentials, 0 grants",
                "client-credentials, 3 grants",
                "refresh-token, 0 grants",
                "refresh-token, 3 grants")) {
            cases.put(kind, new Case[] {prepare(kind, plain), prepare(kind, jit)});
        }
        for (Case[] pair : cases.values()) {
            for (Case c : pair) {
                verify(c);
            }
        }
        for (Target target : List.of(plain, jit)) {
            report.line("warming up %s for %.0f s (every case in turn)", target.name, warmUpSeconds);
            for (Case[] pair : cases.values()) {
                Case c = target == plain ? pair[0] : pair[1];
                Load.run(CONNECTIONS, warmUpSeconds / cases.size(), c::action);
            }
        }
        Map<String, List<List<Stats>>> results = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Case[]> entry : cases.entrySet()) {
                List<List<Stats>> perServer =
                        results.computeIfAbsent(entry.getKey(), k -> List.of(new ArrayList<>(), new ArrayList<>()));
                // alternate which server goes first, so neither always follows the other's load
                int[] order = round % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0};
                for (int s : order) {
                    perServer.get(s).add(Load.run(CONNECTIONS, roundSeconds, entry.getValue()[s]::action));
                }
            }
        }
        report.line(
                "method: %d rounds of %.0f s per case and server, alternating; warm-up %.0f s per server; ratio = with / without",
                rounds, roundSeconds, warmUpSeconds);
        report.tableHeader();
        for (Map.Entry<String, List<List<Stats>>> entry : results.entrySet()) {
            Stats without = Stats.merge(entry.getValue().get(0));
            Stats with = Stats.merge(entry.getValue().get(1));
            double target = entry.getKey().endsWith("3 grants") ? 0.95 : 0.97;
            report.comparison(entry.getKey(), without, with, target);
        }
    }

    private Case prepare(String kind, Target target) {
        List<String[]> sessions = new ArrayList<>();
        if (kind.startsWith("refresh-token")) {
            boolean granted = kind.endsWith("3 grants");
            for (int i = 0; i < BenchRealm.SESSION_USERS; i++) {
                JsonNode tokens = target.signIn(BenchRealm.sessionUser(i, granted), otp);
                sessions.add(new String[] {tokens.path("refresh_token").asText()});
            }
        }
        return new Case(kind, target, sessions);
    }

    /** With JIT, the 3-grant callers ask for their three roles through the JIT API (automatically approved, 8 h). */
    private void grantThreeRoles(Target target) {
        List<String> tokens = new ArrayList<>();
        tokens.add(target.clientCredentials(BenchRealm.BOT_GRANTED)
                .expect(200, "bot token")
                .json()
                .path("access_token")
                .asText());
        for (int i = 0; i < BenchRealm.SESSION_USERS; i++) {
            tokens.add(target.signIn(BenchRealm.sessionUser(i, true), otp)
                    .path("access_token")
                    .asText());
        }
        for (String token : tokens) {
            for (String role : BenchRealm.HELD_ROLES) {
                Web.Response created = Web.postJson(
                        target.api() + "/requests", token, Map.of("policy", "bench " + role, "duration", "PT8H"));
                if (created.status() != 201
                        || !"APPROVED".equals(created.json().path("status").asText())) {
                    JsonNode claims = Target.claims(token);
                    throw new IllegalStateException("grant of " + role + " to "
                            + claims.path("preferred_username").asText()
                            + " (acr " + claims.path("acr") + ", aud " + claims.path("aud") + ") refused: "
                            + created.status() + " "
                            + created.body());
                }
            }
        }
    }

    /** Checks that a case's tokens are what it claims: the three roles, and with JIT the jit claim. */
    private void verify(Case c) {
        String access;
        if (c.kind().startsWith("client-credentials")) {
            access = c.target()
                    .clientCredentials(c.kind().endsWith("3 grants") ? BenchRealm.BOT_GRANTED : BenchRealm.BOT_PLAIN)
                    .json()
                    .path("access_token")
                    .asText();
        } else {
            Web.Response response = c.target().refresh(c.sessions().get(0)[0]).expect(200, "refresh");
            c.sessions().get(0)[0] = response.json().path("refresh_token").asText();
            access = response.json().path("access_token").asText();
        }
        JsonNode claims = Target.claims(access);
        boolean granted = c.kind().endsWith("3 grants");
        for (String role : BenchRealm.HELD_ROLES) {
            if (Target.carriesRealmRole(claims, role) != granted) {
                throw new IllegalStateException(c.kind() + " on " + c.target().name + ": role " + role + " is "
                        + (granted ? "missing" : "present") + " in " + claims);
            }
        }
        boolean jitClaim = claims.has("jit") && claims.path("jit").size() == BenchRealm.HELD_ROLES.size();
        if (granted && (c.target() == jit) != jitClaim) {
            throw new IllegalStateException(c.kind() + " on " + c.target().name + ": jit claim " + claims.path("jit"));
        }
    }
}
