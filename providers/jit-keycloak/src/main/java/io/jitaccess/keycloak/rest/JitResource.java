package io.jitaccess.keycloak.rest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import io.jitaccess.core.Refusal;
import io.jitaccess.core.RequestDraft;
import io.jitaccess.core.Verdict;
import io.jitaccess.keycloak.ledger.Caller;
import io.jitaccess.keycloak.ledger.Ledger;
import io.jitaccess.keycloak.store.RequestEntity;

/** The JIT API for users, approvers and service accounts: {@code /realms/{realm}/jit}. */
public final class JitResource {

    private static final Set<String> REQUEST_FIELDS = Set.of("policy", "duration", "justification", "ticket");
    private static final Set<String> COMMENT_FIELDS = Set.of("comment");
    private static final Set<String> REASON_FIELDS = Set.of("reason");

    private final KeycloakSession session;
    private final RealmModel realm;

    JitResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @GET
    @Path("policies")
    @Produces(MediaType.APPLICATION_JSON)
    public Response policies() {
        return answer(() -> {
            Caller caller = ApiCaller.authenticate(session, realm);
            return Response.ok(new Ledger(session, realm).eligiblePolicies(caller).stream()
                    .map(resolved -> Views.policy(resolved.policy())).toList()).build();
        });
    }

    @POST
    @Path("requests")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        return answer(() -> {
            Caller caller = ApiCaller.authenticate(session, realm);
            JsonBody json = JsonBody.parse(body, REQUEST_FIELDS);
            String policy = json.string("policy");
            if (policy == null || policy.isBlank()) {
                throw ApiError.of(400, "invalid_input", "Name the policy (field 'policy': its id or name).");
            }
            RequestDraft draft = new RequestDraft(json.string("duration"), json.string("justification"), json.string("ticket"));
            RequestEntity request = new Ledger(session, realm).createRequest(caller, policy, draft);
            return Response.status(201).entity(Views.request(request)).build();
        });
    }

    @GET
    @Path("requests")
    @Produces(MediaType.APPLICATION_JSON)
    public Response myRequests() {
        return answer(() -> {
            Caller caller = ApiCaller.authenticate(session, realm);
            return Response.ok(new Ledger(session, realm).requestsOf(caller).stream().map(Views::request).toList()).build();
        });
    }

    @GET
    @Path("requests/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(@PathParam("id") String id) {
        return answer(() -> {
            Caller caller = ApiCaller.authenticate(session, realm);
            return Response.ok(Views.request(new Ledger(session, realm).visibleRequest(caller, id))).build();
        });
    }

    @POST
    @Path("requests/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("id") String id) {
        return answer(() -> {
            Caller caller = ApiCaller.authenticate(session, realm);
            return Response.ok(Views.request(new Ledger(session, realm).cancel(caller, id))).build();
        });
    }

    @GET
    @Path("approvals")
    @Produces(MediaType.APPLICATION_JSON)
    public Response waitingForMe() {
        return answer(() -> {
            Caller caller = ApiCaller.authenticate(session, realm);
            List<Map<String, Object>> requests = new Ledger(session, realm).decidableBy(caller).stream().map(Views::request).toList();
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
        return answer(() -> {
            Caller caller = ApiCaller.authenticate(session, realm);
            String comment = JsonBody.parse(body, COMMENT_FIELDS).string("comment");
            return Response.ok(Views.request(new Ledger(session, realm).decide(caller, id, verdict, comment))).build();
        });
    }

    @GET
    @Path("grants")
    @Produces(MediaType.APPLICATION_JSON)
    public Response myGrants() {
        return answer(() -> {
            Caller caller = ApiCaller.authenticate(session, realm);
            return Response.ok(new Ledger(session, realm).activeGrantsOf(caller.userId()).stream().map(Views::grant).toList()).build();
        });
    }

    @POST
    @Path("grants/{id}/end")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response endGrant(@PathParam("id") String id, String body) {
        return answer(() -> {
            Caller caller = ApiCaller.authenticate(session, realm);
            String reason = JsonBody.parse(body, REASON_FIELDS).string("reason");
            return Response.ok(Views.grant(new Ledger(session, realm).endOwnGrant(caller, id, reason))).build();
        });
    }

    /** Runs an endpoint; a refusal becomes its JSON error (its audit entry is already written and will commit). */
    static Response answer(Supplier<Response> endpoint) {
        try {
            Response response = endpoint.get();
            return response.getMediaType() != null ? response
                    : Response.fromResponse(response).type(MediaType.APPLICATION_JSON_TYPE).build();
        } catch (Refusal refusal) {
            return ApiError.of(refusal);
        } catch (jakarta.ws.rs.WebApplicationException e) {
            return e.getResponse();
        }
    }
}
