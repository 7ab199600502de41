package io.jitaccess.keycloak.it;

/** The people of realm-config/acme-realm.json, with their credentials. */
public enum DemoUsers {
    ALICE("alice"),
    BOB("bob"),
    CAROL("carol"),
    DAVE("dave");

    public static final String OPS_CONSOLE = "ops-console";
    public static final String OPS_CONSOLE_SECRET = "ops-console-secret";
    public static final String OPS_CONSOLE_REDIRECT = "http://localhost:8081/callback";
    public static final String REPORTS_APP = "reports-app";
    public static final String REPORTS_APP_SECRET = "reports-app-secret";
    public static final String REPORTS_APP_REDIRECT = "http://localhost:8082/callback";
    public static final String DEPLOY_BOT = "deploy-bot";
    public static final String DEPLOY_BOT_SECRET = "deploy-bot-secret";

    public final String username;

    DemoUsers(String username) {
        this.username = username;
    }

    public String password() {
        return username + "-pw";
    }

    public String otpSecret() {
        return username + "-otp-demo-secret";
    }
}
