package io.jitaccess.keycloak.rest.user;

import io.jitaccess.core.RequestDraft;
import io.jitaccess.core.TextRule;
import io.jitaccess.core.Verdict;
import io.jitaccess.keycloak.ledger.Caller;
import io.jitaccess.keycloak.ledger.Deciding;
import io.jitaccess.keycloak.ledger.Ledger;
import io.jitaccess.keycloak.rest.Answers;
import io.jitaccess.keycloak.rest.ApiError;
import io.jitaccess.keycloak.rest.JsonBody;
import io.jitaccess.keycloak.rest.StepUp;
import io.jitaccess.keycloak.rest.Views;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The JIT API for users, approvers and service accounts: {@code /realms/{realm}/jit}. */
public final class JitResource {

    private static final Set<String> REQUEST_FIELDS = Set.of("policy", "duration", "justification", "ticket");
    private static final Set<String> COMMENT_FIELDS = Set.of("comment");
    private static final Set<String> REASON_FIELDS = Set.of("reason");

    private final KeycloakSession session;
    private final RealmModel realm;
    /** The caller of this request, once authenticated (a resource instance serves one request). */
    private Caller caller;

    JitResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    private Caller authenticate() {
        caller = ApiCaller.authenticate(session, realm);
        return caller;
    }

    private StepUp stepUp() {
        return StepUp.forClient(realm, caller == null ? null : caller.clientId());
    }

    /** The step-up parameters when the caller's second factor does not meet {@code maxAgeSeconds}, else nothing. */
    private void addStepUpIfStale(Map<String, Object> view, long maxAgeSeconds) {
        if (caller.subject().serviceAccountClientId().isEmpty()
                && !caller.mfa().isFresh(maxAgeSeconds, Instant.ofEpochMilli(Time.currentTimeMillis()))) {
            view.put("stepUp", stepUp().parameters(maxAgeSeconds));
        }
    }

    @GET
    @Path("policies")
    @Produces(MediaType.APPLICATION_JSON)
    public Response policies() {
        return run(() -> {
            Caller caller = authenticate();
            return Response.ok(new Ledger(session, realm)
                            .requesting().eligiblePolicies(caller).stream()
                                    .map(resolved -> {
                                        Map<String, Object> view = Views.policy(resolved.policy(), resolved.target());
                                        addStepUpIfStale(view, resolved.policy().requesterMfaMaxAgeSeconds());
                                        return view;
                                    })
                                    .toList())
                    .build();
        });
    }

    @POST
    @Path("requests")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        return run(() -> {
            Caller caller = authenticate();
            JsonBody json = JsonBody.parse(body, REQUEST_FIELDS);
            String policy = json.string("policy");
            if (policy == null || policy.isBlank()) {
                throw ApiError.of(400, "invalid_input", "Name the policy (field 'policy': its id or name).");
            }
            RequestDraft draft =
                    new RequestDraft(json.string("duration"), json.string("justification"), json.string("ticket"));
            return Response.status(201)
                    .entity(Views.request(
                            new Ledger(session, realm).requesting().create(caller, policy, draft)))
                    .build();
        });
    }

    @GET
    @Path("requests")
    @Produces(MediaType.APPLICATION_JSON)
    public Response myRequests() {
        return run(() -> {
            Caller caller = authenticate();
            return Response.ok(new Ledger(session, realm)
                            .requesting().requestsOf(caller).stream()
                                    .map(Views::request)
                                    .toList())
                    .build();
        });
    }

    @GET
    @Path("requests/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(@PathParam("id") String id) {
        return run(() -> {
            Caller caller = authenticate();
            return Response.ok(Views.request(
                            new Ledger(session, realm).requesting().visibleRequest(caller, id)))
                    .build();
        });
    }

    @POST
    @Path("requests/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("id") String id) {
        return run(() -> {
            Caller caller = authenticate();
            return Response.ok(Views.request(
                            new Ledger(session, realm).requesting().cancel(caller, id)))
                    .build();
        });
    }

    @GET
    @Path("approvals")
    @Produces(MediaType.APPLICATION_JSON)
    public Response waitingForMe() {
        return run(() -> {
            Caller caller = authenticate();
            Deciding decisions = new Ledger(session, realm).deciding();
            List<Map<String, Object>> requests = decisions.decidableBy(caller).stream()
                    .map(request -> {
                        Map<String, Object> view = Views.request(request);
                        decisions.approverMfaMaxAge(request).ifPresent(maxAge -> addStepUpIfStale(view, maxAge));
                        return view;
                    })
                    .toList();
            return Response.ok(requests).build();
        });
    }

    @POST
    @Path("requests/{id}/approve")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response approve(@PathParam("id") String id, String body) {
        return decide(id, body, Verdict.APPROVE);
    }

    @POST
    @Path("requests/{id}/deny")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response deny(@PathParam("id") String id, String body) {
        return decide(id, body, Verdict.DENY);
    }

    private Response decide(String id, String body, Verdict verdict) {
        return run(() -> {
            Caller caller = authenticate();
            String comment = JsonBody.parse(body, COMMENT_FIELDS).string("comment");
            return Response.ok(
                            Views.request(new Ledger(session, realm).deciding().decide(caller, id, verdict, comment)))
                    .build();
        });
    }

    @GET
    @Path("grants")
    @Produces(MediaType.APPLICATION_JSON)
    public Response myGrants() {
        return run(() -> {
            Caller caller = authenticate();
            return Response.ok(new Ledger(session, realm)
                            .requesting().activeGrantsOf(caller).stream()
                                    .map(Views::grant)
                                    .toList())
                    .build();
        });
    }

    @POST
    @Path("grants/{id}/end")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response endGrant(@PathParam("id") String id, String body) {
        return run(() -> {
            Caller caller = authenticate();
            String reason = TextRule.reason(false)
                    .check(JsonBody.parse(body, REASON_FIELDS).string("reason"));
            return Response.ok(Views.grant(new Ledger(session, realm).ending().endOwnGrant(caller, id, reason)))
                    .build();
        });
    }

    /** Runs an endpoint; a refusal becomes its JSON error, a {@code stale_mfa} with the step-up that cures it. */
    private Response run(Supplier<Response> endpoint) {
        return Answers.answer(session, endpoint, refusal -> ApiError.of(refusal, stepUp()));
    }
}
