package io.jitaccess.keycloak.login;

import io.jitaccess.core.MfaEvidence;
import io.jitaccess.core.Refusal;
import io.jitaccess.core.RequestDraft;
import io.jitaccess.core.RequestStatus;
import io.jitaccess.keycloak.ledger.Caller;
import io.jitaccess.keycloak.ledger.Ledger;
import io.jitaccess.keycloak.ledger.ResolvedPolicy;
import io.jitaccess.keycloak.ledger.TokenMfa;
import io.jitaccess.keycloak.ledger.UserSubject;
import io.jitaccess.keycloak.store.RequestEntity;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.utils.AcrUtils;

/**
 * The elevation step of the login, shared by the authenticator {@code jit-elevation} and the required action
 * {@code jit-elevate}: the request form (eligible roles only), the waiting page that checks every 2 s and moves
 * on by itself, and the outcome of a denial. A user with nothing eligible never sees it.
 */
final class ElevationStep {

    static final String NOTE_REQUEST = "jit.request";

    void challenge(StepContext ctx) {
        Ledger ledger = new Ledger(ctx.session(), ctx.realm());
        Caller caller = caller(ctx);
        String pending = ctx.authSession().getAuthNote(NOTE_REQUEST);
        if (pending != null) {
            status(ctx, ledger, caller, pending);
            return;
        }
        if (settingUpSecondFactor(ctx)) {
            // the user is about to set up a second factor: elevation waits for the next login, behind it
            ctx.done();
            return;
        }
        List<ResolvedPolicy> eligible = ledger.requesting().eligiblePolicies(caller);
        if (eligible.isEmpty()) {
            ctx.done();
            return;
        }
        ctx.challenge(StepPages.requestForm(ctx, eligible, null, new MultivaluedHashMap<>()));
    }

    private static boolean settingUpSecondFactor(StepContext ctx) {
        java.util.Set<String> setup =
                java.util.Set.of(UserModel.RequiredAction.CONFIGURE_TOTP.name(), "webauthn-register");
        return ctx.authSession().getRequiredActions().stream().anyMatch(setup::contains)
                || ctx.user().getRequiredActionsStream().anyMatch(setup::contains);
    }

    void action(StepContext ctx) {
        MultivaluedMap<String, String> params = ctx.formParameters();
        Ledger ledger = new Ledger(ctx.session(), ctx.realm());
        Caller caller = caller(ctx);
        String pending = ctx.authSession().getAuthNote(NOTE_REQUEST);
        if (params.containsKey("skip")) {
            ctx.authSession().removeAuthNote(NOTE_REQUEST);
            event(ctx, "jit_elevation_skipped", pending).success();
            ctx.done();
            return;
        }
        if (pending != null) {
            if (params.containsKey("cancel")) {
                try {
                    ledger.requesting().cancel(caller, pending);
                    event(ctx, "jit_request_cancelled", pending).success();
                } catch (Refusal alreadyDecided) {
                    // decided meanwhile: the status below tells
                    status(ctx, ledger, caller, pending);
                    return;
                }
                ctx.authSession().removeAuthNote(NOTE_REQUEST);
                ctx.done();
                return;
            }
            status(ctx, ledger, caller, pending);
            return;
        }
        List<ResolvedPolicy> eligible = ledger.requesting().eligiblePolicies(caller);
        if (eligible.isEmpty()) {
            ctx.done();
            return;
        }
        RequestDraft draft = new RequestDraft(
                params.getFirst("duration"), params.getFirst("justification"), params.getFirst("ticket"));
        String policy = params.getFirst("policy");
        if (policy == null || eligible.stream().noneMatch(p -> p.policy().id().equals(policy))) {
            event(ctx, "jit_request_refused", null)
                    .detail("jit_reason", "not_eligible")
                    .error("jit_request_refused");
            ctx.challenge(StepPages.requestForm(
                    ctx, eligible, new Refusal(Refusal.Reason.NOT_ELIGIBLE, "Choose one of the roles below."), params));
            return;
        }
        try {
            RequestEntity request = ledger.requesting().create(caller, policy, draft);
            event(ctx, "jit_request_created", request.getId())
                    .detail("GROUP".equals(request.getTargetKind()) ? "jit_group" : "jit_role", request.getRoleName())
                    .success();
            if (RequestStatus.APPROVED.name().equals(request.getStatus())) {
                event(ctx, "jit_grant_started", request.getId())
                        .detail("jit_grant", request.getGrantId())
                        .success();
                ctx.done();
                return;
            }
            ctx.authSession().setAuthNote(NOTE_REQUEST, request.getId());
            ctx.challenge(StepPages.waiting(ctx, request));
        } catch (Refusal refusal) {
            event(ctx, "jit_request_refused", null)
                    .detail("jit_reason", refusal.reason().code())
                    .error("jit_request_refused");
            ctx.challenge(StepPages.requestForm(ctx, eligible, refusal, params));
        }
    }

    private void status(StepContext ctx, Ledger ledger, Caller caller, String requestId) {
        RequestEntity request;
        try {
            request = ledger.requesting().visibleRequest(caller, requestId);
        } catch (Refusal gone) {
            ctx.authSession().removeAuthNote(NOTE_REQUEST);
            challenge(ctx);
            return;
        }
        RequestStatus status = RequestStatus.valueOf(request.getStatus());
        switch (status) {
            case APPROVED -> {
                ctx.authSession().removeAuthNote(NOTE_REQUEST);
                event(ctx, "jit_request_approved", requestId)
                        .detail("jit_grant", request.getGrantId())
                        .success();
                ctx.done();
            }
            case PENDING -> ctx.challenge(StepPages.waiting(ctx, request));
            default -> {
                ctx.authSession().removeAuthNote(NOTE_REQUEST);
                event(ctx, "jit_request_" + status.name().toLowerCase(), requestId)
                        .success();
                ctx.challenge(StepPages.outcome(ctx, request));
            }
        }
    }

    private static EventBuilder event(StepContext ctx, String action, String requestId) {
        EventBuilder event = ctx.event()
                .clone()
                .event(EventType.CUSTOM_REQUIRED_ACTION)
                .detail("custom_required_action", "jit-elevate")
                .detail("jit_action", action);
        if (requestId != null) {
            event.detail("jit_request", requestId);
        }
        return event;
    }

    /** The person at the login page, with the level of authentication this login reached and when. */
    static Caller caller(StepContext ctx) {
        return new Caller(
                new UserSubject(ctx.session(), ctx.realm(), ctx.user()),
                ctx.authSession().getClient().getClientId(),
                ctx.remoteAddr(),
                ctx.userAgent(),
                mfa(ctx));
    }

    private static MfaEvidence mfa(StepContext ctx) {
        int reached =
                new AcrStore(ctx.session(), ctx.authSession()).getLevelOfAuthenticationFromCurrentAuthentication();
        if (reached <= 0) {
            return MfaEvidence.NONE;
        }
        // Keycloak counts level 2 as reached when its second factor is merely due to be set up: not a second factor
        int level = ctx.inFlow() && reached >= MfaEvidence.SECOND_FACTOR_LEVEL && !secondFactorUsed(ctx) ? 1 : reached;
        String acr = AcrUtils.getAcrLoaMap(ctx.authSession().getClient()).entrySet().stream()
                .filter(e -> e.getValue() == level)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(Integer.toString(level));
        return new MfaEvidence(level, acr, TokenMfa.levelTime(ctx.authSession().getAuthNote(Constants.LOA_MAP), level));
    }

    /** Whether this login actually used an OTP code or a security key (Keycloak records the credentials used). */
    private static boolean secondFactorUsed(StepContext ctx) {
        return AuthenticatorUtil.getAuthnCredentials(ctx.authSession()).stream()
                .anyMatch(type -> type.equals("otp") || type.startsWith("webauthn"));
    }
}
