package io.jitaccess.keycloak.rest.admin;

import io.jitaccess.keycloak.ledger.GrantTarget;
import io.jitaccess.keycloak.ledger.RealmPolicies;
import io.jitaccess.keycloak.ledger.ResolvedPolicy;
import io.jitaccess.keycloak.ledger.StandingPrivilege;
import io.jitaccess.keycloak.rest.Views;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The admin API's views of policies and of the standing-privilege report (docs/api.md describes them). */
final class ReportViews {

    private ReportViews() {}

    /** Every policy of the realm as admins see it: options, usability and why not, who saved it, what its names are pinned to. */
    static List<Map<String, Object>> policies(KeycloakSession session, RealmModel realm) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (RealmPolicies.Entry entry : RealmPolicies.all(realm)) {
            Map<String, Object> view = new LinkedHashMap<>();
            entry.policy()
                    .ifPresent(policy ->
                            view.putAll(Views.policy(policy, GrantTarget.of(session, realm, policy.target()))));
            view.put("id", entry.id());
            view.put("name", entry.name());
            List<String> problems = ResolvedPolicy.problems(session, realm, entry);
            // usable: a request under it is judged by its rules, not refused as invalid or unresolved
            view.put("usable", problems.isEmpty());
            if (!problems.isEmpty()) {
                view.put("problems", problems);
            }
            entry.policy()
                    .map(policy -> ResolvedPolicy.voidEntries(session, realm, policy))
                    .filter(v -> !v.isEmpty())
                    .ifPresent(entries -> view.put("voidEntries", entries));
            entry.saver().ifPresent(saver -> view.put("savedBy", saver.describe()));
            entry.policy().ifPresent(policy -> view.put("pinned", Views.pins(policy)));
            views.add(view);
        }
        return views;
    }

    static String csv(List<StandingPrivilege.Entry> report) {
        StringBuilder csv = new StringBuilder("role,policies,userId,username,via,lastLogin,group\r\n");
        for (StandingPrivilege.Entry entry : report) {
            for (StandingPrivilege.Holder holder : entry.holders()) {
                csv.append(String.join(
                                ",",
                                Csv.cell(
                                        entry.target() instanceof GrantTarget.Role
                                                ? entry.target().label()
                                                : null),
                                Csv.cell(String.join("; ", entry.policies())),
                                Csv.cell(holder.userId()),
                                Csv.cell(holder.username()),
                                Csv.cell(holder.via()),
                                Csv.cell(holder.lastLogin()),
                                Csv.cell(
                                        entry.target() instanceof GrantTarget.Group
                                                ? entry.target().label()
                                                : null)))
                        .append("\r\n");
            }
        }
        return csv.toString();
    }

    static List<Map<String, Object>> json(List<StandingPrivilege.Entry> report) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (StandingPrivilege.Entry entry : report) {
            Map<String, Object> view = new LinkedHashMap<>();
            if (entry.target() instanceof GrantTarget.Group group) {
                view.put("group", group.name());
            } else {
                view.put("role", entry.target().name());
                if (entry.target().clientId() != null) {
                    view.put("client", entry.target().clientId());
                }
            }
            view.put("policies", entry.policies());
            view.put(
                    "holders",
                    entry.holders().stream()
                            .map(h -> {
                                Map<String, Object> holder = new LinkedHashMap<>();
                                holder.put("userId", h.userId());
                                holder.put("username", h.username());
                                holder.put("via", h.via());
                                holder.put(
                                        "lastLogin",
                                        h.lastLogin() == null
                                                ? null
                                                : h.lastLogin().toString());
                                return holder;
                            })
                            .toList());
            views.add(view);
        }
        return views;
    }
}
