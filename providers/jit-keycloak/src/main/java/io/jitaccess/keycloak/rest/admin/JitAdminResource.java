package io.jitaccess.keycloak.rest.admin;

import io.jitaccess.core.AuditChain;
import io.jitaccess.core.AuditRecord;
import io.jitaccess.core.GrantStatus;
import io.jitaccess.core.ListFilter;
import io.jitaccess.core.MfaEvidence;
import io.jitaccess.core.RequestStatus;
import io.jitaccess.core.TextRule;
import io.jitaccess.keycloak.audit.AuditTrail;
import io.jitaccess.keycloak.ledger.Caller;
import io.jitaccess.keycloak.ledger.Ledger;
import io.jitaccess.keycloak.ledger.StandingChanges;
import io.jitaccess.keycloak.ledger.UserSubject;
import io.jitaccess.keycloak.rest.Answers;
import io.jitaccess.keycloak.rest.ApiError;
import io.jitaccess.keycloak.rest.JsonBody;
import io.jitaccess.keycloak.rest.Views;
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
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * The JIT admin API: {@code /admin/realms/{realm}/jit}. Reading needs Keycloak's view-users permission,
 * changing needs manage-users.
 */
public final class JitAdminResource {

    private static final int MAX_PAGE = 1000;
    private static final List<String> REQUEST_STATES =
            Arrays.stream(RequestStatus.values()).map(Enum::name).toList();
    private static final List<String> GRANT_STATES = Stream.concat(
                    Arrays.stream(GrantStatus.values()).map(Enum::name), Stream.of("ALL"))
            .toList();

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
        return Answers.answer(
                session, () -> Response.ok(ReportViews.policies(session, realm)).build());
    }

    @GET
    @Path("requests")
    @Produces(MediaType.APPLICATION_JSON)
    public Response requests(
            @QueryParam("user") String user,
            @QueryParam("role") String role,
            @QueryParam("client") String client,
            @QueryParam("status") String status,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("first") String first,
            @QueryParam("max") String max) {
        auth.users().requireView();
        return Answers.answer(session, () -> {
            ListFilter filter = new ListFilter(
                    user, role, client, status(status, REQUEST_STATES), time("from", from), time("to", to));
            return Response.ok(new Ledger(session, realm)
                            .requestsMatching(filter, first(first), max(max)).stream()
                                    .map(Views::request)
                                    .toList())
                    .build();
        });
    }

    @GET
    @Path("grants")
    @Produces(MediaType.APPLICATION_JSON)
    public Response grants(
            @QueryParam("user") String user,
            @QueryParam("role") String role,
            @QueryParam("client") String client,
            @QueryParam("status") String status,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("first") String first,
            @QueryParam("max") String max) {
        auth.users().requireView();
        return Answers.answer(session, () -> {
            ListFilter filter =
                    new ListFilter(user, role, client, grantStatus(status), time("from", from), time("to", to));
            return Response.ok(new Ledger(session, realm)
                            .grantsMatching(filter, first(first), max(max)).stream()
                                    .map(Views::grant)
                                    .toList())
                    .build();
        });
    }

    @POST
    @Path("grants/{id}/revoke")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("id") String id, String body) {
        auth.users().requireManage();
        return Answers.answer(session, () -> {
            String reason = reasonFrom(body);
            return Response.ok(Views.grant(new Ledger(session, realm).ending().revoke(admin(), id, reason)))
                    .build();
        });
    }

    @POST
    @Path("grants/end-all")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response endAll(String body) {
        auth.users().requireManage();
        return Answers.answer(session, () -> {
            String reason = reasonFrom(body);
            int ended = new Ledger(session, realm).ending().endAll(admin(), reason);
            return Response.ok(Map.of("ended", ended)).build();
        });
    }

    @GET
    @Path("audit")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response audit(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("first") String first,
            @QueryParam("max") String max,
            @QueryParam("format") String format) {
        auth.users().requireView();
        return Answers.answer(session, () -> {
            long fromMillis = TimeParam.parse("from", from, 0L);
            long toMillis = TimeParam.parse("to", to, Long.MAX_VALUE);
            var page = new Ledger(session, realm).audit().page(fromMillis, toMillis, first(first), max(max));
            if ("csv".equalsIgnoreCase(format)) {
                return Response.ok(Csv.audit(page).getBytes(StandardCharsets.UTF_8))
                        .type("text/csv; charset=utf-8")
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                "attachment; filename=\"jit-audit-" + realm.getName() + ".csv\"")
                        .build();
            }
            if (format != null && !format.equalsIgnoreCase("json")) {
                throw ApiError.of(400, "invalid_input", "format must be json or csv.");
            }
            return Response.ok(page.stream().map(Views::audit).toList()).build();
        });
    }

    /** The standing-privilege report, its token-cap part, and make-eligible. */
    @Path("report")
    public ReportResource report() {
        return new ReportResource(session, realm, auth);
    }

    /**
     * Makes an active grant's role permanent: the grant runs to its end, which no longer removes the mapping.
     * Needs what Keycloak needs to map that role to that user: manage-users and the right to map the role.
     */
    @POST
    @Path("grants/{id}/make-standing")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response makeStanding(@PathParam("id") String id, String body) {
        auth.users().requireManage();
        return Answers.answer(session, () -> {
            String reason = reasonFrom(body);
            return Response.ok(Views.grant(new StandingChanges(session, realm)
                            .makeStanding(
                                    admin(),
                                    id,
                                    reason,
                                    (user, target) -> TargetRights.requireMayGive(auth, user, target))))
                    .build();
        });
    }

    @GET
    @Path("audit/verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify() {
        auth.users().requireView();
        return Answers.answer(session, () -> {
            AuditTrail audit = new Ledger(session, realm).audit();
            AuditChain.Verification result = audit.verify();
            AuditRecord.Head head = audit.head();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("intact", result.intact());
            view.put("entriesChecked", result.entriesChecked());
            view.put("brokenAtSeq", result.brokenAtSeq());
            view.put("problem", result.problem());
            // for a monitor outside the database: a later head must descend from this one
            view.put("head", Map.of("seq", head.seq(), "hash", head.hash()));
            return Response.ok(view).type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    private Caller admin() {
        return admin(session, auth);
    }

    /** The admin calling, as the ledger records actors. */
    static Caller admin(KeycloakSession session, AdminPermissionEvaluator auth) {
        var adminAuth = auth.adminAuth();
        HttpHeaders headers = session.getContext().getRequestHeaders();
        return new Caller(
                new UserSubject(session, adminAuth.getRealm(), adminAuth.getUser()),
                adminAuth.getClient() == null ? null : adminAuth.getClient().getClientId(),
                session.getContext().getConnection().getRemoteAddr(),
                headers == null ? null : headers.getHeaderString(HttpHeaders.USER_AGENT),
                MfaEvidence.NONE);
    }

    static String reasonFrom(String body) {
        return TextRule.reason(true)
                .check(JsonBody.parse(body, Set.of("reason")).string("reason"));
    }

    /** A time filter's bound in epoch milliseconds; none when left out. */
    private static Long time(String name, String value) {
        return value == null || value.isBlank() ? null : TimeParam.parse(name, value, 0L);
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
        return value == null ? GrantStatus.ACTIVE.name() : value.equals("ALL") ? null : value;
    }

    private static String upper(String value) {
        return value == null || value.isBlank() ? null : value.strip().toUpperCase(java.util.Locale.ROOT);
    }
}
