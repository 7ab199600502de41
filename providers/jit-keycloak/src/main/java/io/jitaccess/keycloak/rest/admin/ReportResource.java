package io.jitaccess.keycloak.rest.admin;

import io.jitaccess.core.TextRule;
import io.jitaccess.keycloak.ledger.GrantTarget;
import io.jitaccess.keycloak.ledger.RealmPolicies;
import io.jitaccess.keycloak.ledger.ResolvedPolicy;
import io.jitaccess.keycloak.ledger.StandingChanges;
import io.jitaccess.keycloak.ledger.StandingPrivilege;
import io.jitaccess.keycloak.ledger.TokenCap;
import io.jitaccess.keycloak.rest.Answers;
import io.jitaccess.keycloak.rest.ApiError;
import io.jitaccess.keycloak.rest.JsonBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/jit/report}: the standing-privilege report (who holds privileged roles for good),
 * its token-cap part, and make-eligible. Reading needs view-users.
 */
public final class ReportResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    ReportResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response report(@QueryParam("format") String format) {
        auth.users().requireView();
        return Answers.answer(session, () -> {
            List<StandingPrivilege.Entry> report = new StandingPrivilege(session, realm).report();
            if ("csv".equalsIgnoreCase(format)) {
                return Response.ok(ReportViews.csv(report).getBytes(StandardCharsets.UTF_8))
                        .type("text/csv; charset=utf-8")
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                "attachment; filename=\"jit-standing-" + realm.getName() + ".csv\"")
                        .build();
            }
            if (format != null && !format.equalsIgnoreCase("json")) {
                throw ApiError.of(400, "invalid_input", "format must be json or csv.");
            }
            return Response.ok(ReportViews.json(report)).build();
        });
    }

    /**
     * The token cap's part of the standing-privilege report: every client scope and client of the realm that puts
     * roles into tokens, whether it carries the cap now, and when a removal of it was last found and undone.
     */
    @GET
    @Path("token-cap")
    @Produces(MediaType.APPLICATION_JSON)
    public Response tokenCap() {
        auth.users().requireView();
        return Answers.answer(session, () -> Response.ok(TokenCap.sources(realm).stream()
                        .map(source -> {
                            Map<String, Object> view = new LinkedHashMap<>();
                            view.put("type", source.type());
                            view.put("id", source.id());
                            view.put("name", source.name());
                            view.put("capped", source.capped());
                            view.put("capRestoredAt", source.restoredAt());
                            return view;
                        })
                        .toList())
                .build());
    }

    /**
     * Turns a direct standing holder into an eligible user: adds them, pinned by id, to the policy's eligible users
     * and removes the permanent mapping, audited. Needs what Keycloak needs to remove that mapping and to save the
     * policy: manage-users, manage-realm, and the right to map the role to this user.
     */
    @POST
    @Path("make-eligible")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response makeEligible(String body) {
        auth.users().requireManage();
        auth.realm().requireManageRealm();
        return Answers.answer(session, () -> {
            JsonBody json = JsonBody.parse(body, Set.of("user", "userId", "policy", "reason"));
            String username = json.string("user");
            String userId = json.string("userId");
            String policyRef = json.string("policy");
            String reason = json.string("reason");
            if ((username == null && userId == null) || policyRef == null || reason == null || reason.isBlank()) {
                throw ApiError.of(
                        400,
                        "invalid_input",
                        "Give the user (userId, or username as user), the policy (id or name) and a reason.");
            }
            reason = TextRule.reason(true).check(reason);
            var user = userId != null
                    ? session.users().getUserById(realm, userId)
                    : session.users().getUserByUsername(realm, username);
            var entry = RealmPolicies.find(realm, policyRef).orElse(null);
            if (user == null || entry == null || entry.policy().isEmpty()) {
                throw ApiError.of(404, "not_found", "No such user or usable policy in this realm.");
            }
            GrantTarget target =
                    GrantTarget.of(session, realm, entry.policy().get().target());
            if (target == null || !target.heldBy(user)) {
                throw ApiError.of(
                        409,
                        "illegal_transition",
                        entry.policy().get().target().isGroup()
                                ? "The user is not a direct member of the policy's group (they are a member of a"
                                        + " subgroup: change that subgroup instead)."
                                : "The user does not hold the policy's role directly (a group or"
                                        + " composite grants it: change that group or role instead).");
            }
            TargetRights.requireMayGive(auth, user, target);
            if (!ResolvedPolicy.problems(session, realm, entry).isEmpty()) {
                throw ApiError.of(
                        409,
                        "illegal_transition",
                        "The policy grants nothing now (see its problems in GET /policies):"
                                + " fix it before making anyone eligible under it.");
            }
            new StandingChanges(session, realm)
                    .makeEligible(JitAdminResource.admin(session, auth), user, target, entry.id(), reason);
            return Response.ok(Map.of(
                            "user",
                            user.getUsername(),
                            "policy",
                            entry.name(),
                            target.kind().name().toLowerCase(),
                            target.label(),
                            "standing",
                            false,
                            "eligible",
                            true))
                    .build();
        });
    }
}
