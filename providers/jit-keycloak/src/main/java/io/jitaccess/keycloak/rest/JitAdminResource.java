package io.jitaccess.keycloak.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import io.jitaccess.core.AuditChain;
import io.jitaccess.core.GrantStatus;
import io.jitaccess.core.MfaEvidence;
import io.jitaccess.core.Refusal;
import io.jitaccess.core.RequestStatus;
import io.jitaccess.core.TextRule;
import io.jitaccess.keycloak.ledger.Caller;
import io.jitaccess.keycloak.ledger.Ledger;
import io.jitaccess.keycloak.ledger.RealmPolicies;
import io.jitaccess.keycloak.ledger.ResolvedPolicy;
import io.jitaccess.keycloak.ledger.UserSubject;
import io.jitaccess.keycloak.store.AuditEntity;
import io.jitaccess.keycloak.store.GrantEntity;
import io.jitaccess.keycloak.store.RequestEntity;

/**
 * The JIT admin API: {@code /admin/realms/{realm}/jit}. Reading needs Keycloak's view-users permission,
 * changing needs manage-users.
 */
public final class JitAdminResource {

    private static final int MAX_PAGE = 1000;
    private static final List<String> REQUEST_STATES = Arrays.stream(RequestStatus.values())
            .map(Enum::name).toList();
    private static final List<String> GRANT_STATES = Stream.concat(
            Arrays.stream(GrantStatus.values()).map(Enum::name), Stream.of("ALL")).toList();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    JitAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Path("policies")
    @Produces(MediaType.APPLICATION_JSON)
    public Response policies() {
        auth.users().requireView();
        return JitResource.answer(session, () -> Response.ok(policyViews()).build());
    }

    private List<Map<String, Object>> policyViews() {
        List<Map<String, Object>> views = new ArrayList<>();
        for (RealmPolicies.Entry entry : RealmPolicies.all(realm)) {
            Map<String, Object> view = new LinkedHashMap<>();
            entry.policy().ifPresent(policy -> view.putAll(Views.policy(policy)));
            view.put("id", entry.id());
            view.put("name", entry.name());
            List<String> problems = problems(entry);
            // usable: a request under it is judged by its rules, not refused as invalid or unresolved
            view.put("usable", problems.isEmpty());
            if (!problems.isEmpty()) {
                view.put("problems", problems);
            }
            views.add(view);
        }
        return views;
    }

    /** Why a stored policy grants nothing: options that cannot be read, or roles and groups the realm lacks. */
    private List<String> problems(RealmPolicies.Entry entry) {
        if (entry.problem().isPresent()) {
            return entry.problem().get().problems();
        }
        try {
            ResolvedPolicy.resolve(session, realm, entry.policy().orElseThrow());
            return List.of();
        } catch (Refusal unresolved) {
            return List.of(unresolved.getMessage());
        }
    }

    @GET
    @Path("requests")
    @Produces(MediaType.APPLICATION_JSON)
    public Response requests(@QueryParam("user") String user, @QueryParam("role") String role,
            @QueryParam("client") String client, @QueryParam("status") String status,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("first") String first, @QueryParam("max") String max) {
        auth.users().requireView();
        return JitResource.answer(session, () -> {
            Filter filter = new Filter("JitRequest r", "r.createdAt").eq("r.realmId", realm.getId())
                    .eq("r.requesterName", user).eq("r.roleName", role).eq("r.roleClientId", client)
                    .eq("r.status", status(status, REQUEST_STATES)).range("r.createdAt", from, to);
            List<RequestEntity> requests = filter.query(em(), RequestEntity.class, first, max).getResultList();
            return Response.ok(requests.stream().map(Views::request).toList()).build();
        });
    }

    @GET
    @Path("grants")
    @Produces(MediaType.APPLICATION_JSON)
    public Response grants(@QueryParam("user") String user, @QueryParam("role") String role,
            @QueryParam("client") String client, @QueryParam("status") String status,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("first") String first, @QueryParam("max") String max) {
        auth.users().requireView();
        return JitResource.answer(session, () -> {
            Filter filter = new Filter("JitGrant g", "g.startsAt").eq("g.realmId", realm.getId())
                    .eq("g.userName", user).eq("g.roleName", role).eq("g.roleClientId", client)
                    .eq("g.status", grantStatus(status))
                    .range("g.startsAt", from, to);
            List<GrantEntity> grants = filter.query(em(), GrantEntity.class, first, max).getResultList();
            return Response.ok(grants.stream().map(Views::grant).toList()).build();
        });
    }

    @POST
    @Path("grants/{id}/revoke")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("id") String id, String body) {
        auth.users().requireManage();
        return JitResource.answer(session, () -> {
            String reason = reasonFrom(body);
            return Response.ok(Views.grant(new Ledger(session, realm).revoke(admin(), id, reason))).build();
        });
    }

    @POST
    @Path("grants/end-all")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response endAll(String body) {
        auth.users().requireManage();
        return JitResource.answer(session, () -> {
            String reason = reasonFrom(body);
            int ended = new Ledger(session, realm).endAll(admin(), reason);
            return Response.ok(Map.of("ended", ended)).build();
        });
    }

    @GET
    @Path("audit")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response audit(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("first") String first, @QueryParam("max") String max, @QueryParam("format") String format) {
        auth.users().requireView();
        return JitResource.answer(session, () -> {
            long fromMillis = TimeParam.parse("from", from, 0L);
            long toMillis = TimeParam.parse("to", to, Long.MAX_VALUE);
            List<AuditEntity> page = new Ledger(session, realm).audit().page(fromMillis, toMillis, first(first), max(max));
            if ("csv".equalsIgnoreCase(format)) {
                return Response.ok(Csv.audit(page).getBytes(StandardCharsets.UTF_8))
                        .type("text/csv; charset=utf-8")
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"jit-audit-" + realm.getName() + ".csv\"")
                        .build();
            }
            if (format != null && !format.equalsIgnoreCase("json")) {
                throw ApiError.of(400, "invalid_input", "format must be json or csv.");
            }
            return Response.ok(page.stream().map(Views::audit).toList()).build();
        });
    }

    @GET
    @Path("report")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response report(@QueryParam("format") String format) {
        auth.users().requireView();
        return JitResource.answer(session, () -> {
            List<io.jitaccess.keycloak.ledger.StandingPrivilege.Entry> report = new io.jitaccess.keycloak.ledger.StandingPrivilege(session, realm).report();
            if ("csv".equalsIgnoreCase(format)) {
                StringBuilder csv = new StringBuilder("role,policies,userId,username,via,lastLogin\r\n");
                for (var entry : report) {
                    for (var holder : entry.holders()) {
                        csv.append(String.join(",", Csv.cell(io.jitaccess.keycloak.ledger.StandingPrivilege.label(entry.role())),
                                Csv.cell(String.join("; ", entry.policies())), Csv.cell(holder.userId()), Csv.cell(holder.username()),
                                Csv.cell(holder.via()), Csv.cell(holder.lastLogin()))).append("\r\n");
                    }
                }
                return Response.ok(csv.toString().getBytes(StandardCharsets.UTF_8)).type("text/csv; charset=utf-8")
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"jit-standing-" + realm.getName() + ".csv\"").build();
            }
            if (format != null && !format.equalsIgnoreCase("json")) {
                throw ApiError.of(400, "invalid_input", "format must be json or csv.");
            }
            List<Map<String, Object>> views = new ArrayList<>();
            for (var entry : report) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("role", entry.role().getName());
                if (entry.role().isClientRole()) {
                    view.put("client", ((org.keycloak.models.ClientModel) entry.role().getContainer()).getClientId());
                }
                view.put("policies", entry.policies());
                view.put("holders", entry.holders().stream().map(h -> {
                    Map<String, Object> holder = new LinkedHashMap<>();
                    holder.put("userId", h.userId());
                    holder.put("username", h.username());
                    holder.put("via", h.via());
                    holder.put("lastLogin", h.lastLogin() == null ? null : h.lastLogin().toString());
                    return holder;
                }).toList());
                views.add(view);
            }
            return Response.ok(views).build();
        });
    }

    /**
     * Turns a direct standing holder into an eligible user: adds them to the policy's eligible users and
     * removes the permanent mapping, audited.
     */
    @POST
    @Path("report/make-eligible")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response makeEligible(String body) {
        auth.users().requireManage();
        auth.realm().requireManageRealm();
        return JitResource.answer(session, () -> {
            JsonBody json = JsonBody.parse(body, Set.of("user", "policy", "reason"));
            String username = json.string("user");
            String policyRef = json.string("policy");
            String reason = json.string("reason");
            if (username == null || policyRef == null || reason == null || reason.isBlank()) {
                throw ApiError.of(400, "invalid_input", "Give the user (username), the policy (id or name) and a reason.");
            }
            reason = TextRule.reason(true).check(reason);
            var user = session.users().getUserByUsername(realm, username);
            var entry = RealmPolicies.find(realm, policyRef).orElse(null);
            if (user == null || entry == null || entry.policy().isEmpty()) {
                throw ApiError.of(404, "not_found", "No such user or usable policy in this realm.");
            }
            var role = io.jitaccess.keycloak.ledger.ResolvedPolicy.role(realm, entry.policy().get().role());
            if (role == null || !user.hasDirectRole(role)) {
                throw ApiError.of(409, "illegal_transition", "The user does not hold the policy's role directly (a group or"
                        + " composite grants it: change that group or role instead).");
            }
            Ledger ledger = new Ledger(session, realm);
            ledger.audit().lockHead(); // before any role mapping changes: the same lock order as everywhere else
            var component = realm.getComponent(entry.id());
            component.getConfig().add(io.jitaccess.core.PolicyKeys.ELIGIBLE_USERS, user.getUsername());
            realm.updateComponent(component);
            user.deleteRoleMapping(role);
            ledger.audit().append(io.jitaccess.keycloak.ledger.AuditDraft.of(io.jitaccess.keycloak.ledger.AuditAction.STANDING_MADE_ELIGIBLE)
                    .actor(admin()).subject(user.getId(), user.getUsername())
                    .role(role.isClientRole() ? ((org.keycloak.models.ClientModel) role.getContainer()).getClientId() : null, role.getName())
                    .policy(entry.id()).reason(reason));
            return Response.ok(Map.of("user", user.getUsername(), "policy", entry.name(), "role",
                    io.jitaccess.keycloak.ledger.StandingPrivilege.label(role), "standing", false, "eligible", true)).build();
        });
    }

    @GET
    @Path("audit/verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify() {
        auth.users().requireView();
        return JitResource.answer(session, () -> {
            AuditChain.Verification result = new Ledger(session, realm).audit().verify();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("intact", result.intact());
            view.put("entriesChecked", result.entriesChecked());
            view.put("brokenAtSeq", result.brokenAtSeq());
            view.put("problem", result.problem());
            return Response.ok(view).type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    private Caller admin() {
        var adminAuth = auth.adminAuth();
        HttpHeaders headers = session.getContext().getRequestHeaders();
        return new Caller(new UserSubject(session, adminAuth.getRealm(), adminAuth.getUser()),
                adminAuth.getClient() == null ? null : adminAuth.getClient().getClientId(),
                session.getContext().getConnection().getRemoteAddr(),
                headers == null ? null : headers.getHeaderString(HttpHeaders.USER_AGENT), MfaEvidence.NONE);
    }

    private static String reasonFrom(String body) {
        return TextRule.reason(true).check(JsonBody.parse(body, Set.of("reason")).string("reason"));
    }

    private EntityManager em() {
        return Ledger.entityManager(session);
    }

    private static int first(String first) {
        Integer value = integer("first", first);
        if (value != null && value < 0) {
            throw ApiError.of(400, "invalid_input", "first must be 0 or more.");
        }
        return value == null ? 0 : value;
    }

    private static int max(String max) {
        Integer value = integer("max", max);
        if (value != null && (value < 1 || value > MAX_PAGE)) {
            throw ApiError.of(400, "invalid_input", "max must be between 1 and " + MAX_PAGE + ".");
        }
        return value == null ? 100 : value;
    }

    private static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ApiError.of(400, "invalid_input", name + " must be a whole number.");
        }
    }

    /** A status filter, one of {@code known}; none when left out. */
    private static String status(String status, List<String> known) {
        String value = upper(status);
        if (value != null && !known.contains(value)) {
            throw ApiError.of(400, "invalid_input", "status must be one of " + String.join(", ", known) + ".");
        }
        return value;
    }

    /** Grants are filtered to ACTIVE unless asked otherwise; ALL lifts the filter. */
    private static String grantStatus(String status) {
        String value = status(status, GRANT_STATES);
        return value == null ? "ACTIVE" : value.equals("ALL") ? null : value;
    }

    private static String upper(String value) {
        return value == null || value.isBlank() ? null : value.strip().toUpperCase(java.util.Locale.ROOT);
    }

    /** A JPQL query with optional equality and time-range conditions, all as parameters. */
    private static final class Filter {
        private final String from;
        private final String order;
        private final List<String> conditions = new ArrayList<>();
        private final Map<String, Object> parameters = new LinkedHashMap<>();

        Filter(String from, String order) {
            this.from = from;
            this.order = order;
        }

        Filter eq(String path, String value) {
            if (value != null && !value.isBlank()) {
                String name = "p" + parameters.size();
                conditions.add(path + " = :" + name);
                parameters.put(name, value);
            }
            return this;
        }

        Filter range(String path, String from, String to) {
            if (from != null) {
                String name = "p" + parameters.size();
                conditions.add(path + " >= :" + name);
                parameters.put(name, TimeParam.parse("from", from, 0L));
            }
            if (to != null) {
                String name = "p" + parameters.size();
                conditions.add(path + " < :" + name);
                parameters.put(name, TimeParam.parse("to", to, Long.MAX_VALUE));
            }
            return this;
        }

        <T> TypedQuery<T> query(EntityManager em, Class<T> type, String first, String max) {
            String alias = from.substring(from.indexOf(' ') + 1);
            String jpql = "select " + alias + " from " + from + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
                    + " order by " + order + " desc";
            TypedQuery<T> query = em.createQuery(jpql, type);
            parameters.forEach(query::setParameter);
            return query.setFirstResult(JitAdminResource.first(first)).setMaxResults(JitAdminResource.max(max));
        }
    }
}
