import type { AccountEnvironment } from "@keycloak/keycloak-account-ui";
import { getInjectedEnvironment } from "@keycloak/keycloak-ui-shared";

/** What Keycloak put into the page (index.ftl of keycloak.v3): realm, URLs, locale and feature flags. */
export const environment = getInjectedEnvironment<AccountEnvironment>();
