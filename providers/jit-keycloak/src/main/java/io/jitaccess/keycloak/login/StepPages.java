package io.jitaccess.keycloak.login;

import io.jitaccess.core.Durations;
import io.jitaccess.core.Policy;
import io.jitaccess.core.Refusal;
import io.jitaccess.keycloak.ledger.GrantTarget;
import io.jitaccess.keycloak.ledger.ResolvedPolicy;
import io.jitaccess.keycloak.store.ApprovalEntity;
import io.jitaccess.keycloak.store.RequestEntity;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.forms.login.LoginFormsProvider;

/** The pages of the elevation step, made from the ledger's records (the login theme escapes every value). */
final class StepPages {

    static final List<Duration> DURATION_CHOICES = List.of(
            Duration.ofMinutes(15),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(4),
            Duration.ofHours(8),
            Duration.ofHours(12),
            Duration.ofHours(24));

    private StepPages() {}

    /** The request form: the eligible policies, the durations they allow, what was typed, and why it was refused. */
    static Response requestForm(
            StepContext ctx, List<ResolvedPolicy> eligible, Refusal refusal, MultivaluedMap<String, String> typed) {
        LoginFormsProvider form = ctx.form();
        List<Map<String, Object>> policies = new ArrayList<>();
        Duration longest = Duration.ZERO;
        for (ResolvedPolicy resolved : eligible) {
            Policy policy = resolved.policy();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", policy.id());
            view.put("name", policy.name());
            view.put("role", resolved.target().name());
            view.put(
                    "client",
                    resolved.target().clientId() == null
                            ? ""
                            : resolved.target().clientId());
            view.put("group", resolved.target() instanceof GrantTarget.Group);
            view.put("description", policy.description());
            view.put("maxDuration", Durations.human(policy.duration().maxDuration()));
            view.put("justificationHint", policy.justification().hint());
            view.put("ticketHint", policy.ticket().hint());
            view.put("ticketRequired", policy.ticket().required());
            view.put("justificationRequired", policy.justification().required());
            view.put("autoApprove", policy.approval().autoApprove());
            policies.add(view);
            if (policy.duration().maxDuration().compareTo(longest) > 0) {
                longest = policy.duration().maxDuration();
            }
        }
        Policy first = eligible.get(0).policy();
        String selectedPolicy = Optional.ofNullable(typed.getFirst("policy")).orElse(first.id());
        String selectedDuration = Optional.ofNullable(typed.getFirst("duration"))
                .orElse(first.duration().defaultDuration().toString());
        List<Map<String, String>> durations = new ArrayList<>();
        for (Duration choice : choices(longest, first.duration().defaultDuration())) {
            durations.add(Map.of("value", choice.toString(), "label", Durations.human(choice)));
        }
        form.setAttribute("jitPolicies", policies)
                .setAttribute("jitDurations", durations)
                .setAttribute("jitSelectedPolicy", selectedPolicy)
                .setAttribute("jitSelectedDuration", selectedDuration)
                .setAttribute(
                        "jitJustification",
                        Optional.ofNullable(typed.getFirst("justification")).orElse(""))
                .setAttribute(
                        "jitTicket",
                        Optional.ofNullable(typed.getFirst("ticket")).orElse(""));
        if (refusal != null) {
            form.setError("jitRefused_" + refusal.reason().code());
            form.setAttribute("jitRefusalDetail", refusal.getMessage());
        }
        return form.createForm("jit-request.ftl");
    }

    private static List<Duration> choices(Duration longest, Duration dflt) {
        List<Duration> choices = new ArrayList<>();
        for (Duration choice : DURATION_CHOICES) {
            if (choice.compareTo(longest) <= 0) {
                choices.add(choice);
            }
        }
        if (!choices.contains(longest)) {
            choices.add(longest);
        }
        if (!choices.contains(dflt)) {
            choices.add(dflt);
        }
        choices.sort(null);
        return choices;
    }

    /** The page that waits for the decision (it checks every 2 s and moves on by itself). */
    static Response waiting(StepContext ctx, RequestEntity request) {
        return ctx.form().setAttribute("jitRequest", view(request)).createForm("jit-waiting.ftl");
    }

    /** The outcome of a request that will not be granted: denied (by whom, why), cancelled or lapsed. */
    static Response outcome(StepContext ctx, RequestEntity request) {
        return ctx.form().setAttribute("jitRequest", view(request)).createForm("jit-outcome.ftl");
    }

    private static Map<String, Object> view(RequestEntity request) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", request.getId());
        view.put("status", request.getStatus());
        view.put("role", request.getRoleName());
        view.put("client", request.getRoleClientId() == null ? "" : request.getRoleClientId());
        view.put("group", GrantTarget.kindOf(request.getTargetKind()) == io.jitaccess.core.Target.Kind.GROUP);
        view.put("duration", Durations.human(Duration.ofSeconds(request.getDurationSeconds())));
        view.put("justification", request.getJustification() == null ? "" : request.getJustification());
        view.put("ticket", request.getTicket() == null ? "" : request.getTicket());
        view.put("expiresAt", Instant.ofEpochMilli(request.getExpiresAt()).toString());
        String comment = request.getApprovals().stream()
                .filter(a -> "DENY".equals(a.getVerdict()))
                .map(ApprovalEntity::getComment)
                .findFirst()
                .orElse("");
        String decidedBy = request.getApprovals().stream()
                .filter(a -> "DENY".equals(a.getVerdict()))
                .map(ApprovalEntity::getApproverName)
                .findFirst()
                .orElse("");
        view.put("denialComment", comment);
        view.put("deniedBy", decidedBy);
        view.put(
                "approvals",
                request.getApprovals().stream()
                        .filter(a -> "APPROVE".equals(a.getVerdict()))
                        .count());
        view.put("requiredApprovals", request.getRequiredApprovals());
        return view;
    }
}
