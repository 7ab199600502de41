package io.jitaccess.keycloak.audit;

/** Who did what an audit entry records, as the entry names them: a person, a client's service account, or the system. */
public interface Actor {

    /** Whether nobody in particular acted (a timer, start-up, a listener with no authenticated user). */
    boolean isSystem();

    String userId();

    String username();

    String sourceIp();

    String userAgent();
}
