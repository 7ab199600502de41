package io.jitaccess.keycloak.rest;

import io.jitaccess.core.Refusal;
import io.jitaccess.keycloak.store.LedgerBusy;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

/**
 * How both APIs answer: JSON always; a refusal as its JSON error (its audit entry is already written and will
 * commit); a ledger lock held too long, or a database out of reach, as a 503 with nothing changed.
 */
public final class Answers {

    private static final Logger LOG = Logger.getLogger(Answers.class);

    private Answers() {}

    /** Runs an endpoint; a refusal becomes its JSON error (its audit entry is already written and will commit). */
    public static Response answer(KeycloakSession session, Supplier<Response> endpoint) {
        return answer(session, endpoint, ApiError::of);
    }

    /** As {@link #answer(KeycloakSession, Supplier)}, a refusal answered by {@code refused}. */
    public static Response answer(
            KeycloakSession session, Supplier<Response> endpoint, Function<Refusal, Response> refused) {
        try {
            Response response = endpoint.get();
            return response.getMediaType() != null
                    ? response
                    : Response.fromResponse(response)
                            .type(MediaType.APPLICATION_JSON_TYPE)
                            .build();
        } catch (Refusal refusal) {
            return refused.apply(refusal);
        } catch (jakarta.ws.rs.WebApplicationException e) {
            return e.getResponse();
        } catch (RuntimeException e) {
            if (LedgerBusy.causedBy(e)) {
                session.getTransactionManager().setRollbackOnly();
                LOG.warnf(
                        "A JIT ledger lock stayed held too long (%s); answered 503",
                        e.getClass().getSimpleName());
                return Response.fromResponse(ApiError.response(
                                503,
                                "ledger_busy",
                                "Another change of this realm's JIT ledger"
                                        + " is taking too long; nothing was changed. Try again in a few seconds."))
                        .header("Retry-After", 5)
                        .build();
            }
            if (!DatabaseOutage.causedBy(e)) {
                throw e;
            }
            // nothing may commit half-done, and committing on a dead connection would turn our 503 into a 500
            session.getTransactionManager().setRollbackOnly();
            LOG.warnf(
                    "The database cannot be reached (%s); answered 503",
                    e.getClass().getSimpleName());
            return DatabaseOutage.response();
        }
    }
}
