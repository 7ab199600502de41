package io.jitaccess.keycloak.rest;

import io.jitaccess.core.Refusal;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON error answer: {@code {"error": "<stable code>", "message": "<for people>"}} with the right status. */
public final class ApiError extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    private ApiError(Response response) {
        super(response);
    }

    public static ApiError of(int status, String code, String message) {
        return new ApiError(response(status, code, message));
    }

    public static Response response(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(code, message))
                .build();
    }

    private static Map<String, Object> body(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return body;
    }

    public static Response of(Refusal refusal) {
        return response(status(refusal.reason().kind()), refusal.reason().code(), refusal.getMessage());
    }

    /** As {@link #of(Refusal)}, plus {@code "stepUp"}: the login parameters that would cure a {@code stale_mfa}. */
    public static Response of(Refusal refusal, StepUp stepUp) {
        if (refusal.requiredMfaMaxAge().isEmpty()) {
            return of(refusal);
        }
        Map<String, Object> body = body(refusal.reason().code(), refusal.getMessage());
        body.put("stepUp", stepUp.parameters(refusal.requiredMfaMaxAge().getAsLong()));
        return Response.status(status(refusal.reason().kind()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .build();
    }

    static int status(Refusal.Kind kind) {
        return switch (kind) {
            case BAD_INPUT -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_MANY -> 429;
        };
    }
}
