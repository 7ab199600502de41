import "@patternfly/patternfly/patternfly-addons.css";
import "@patternfly/react-core/dist/styles/base.css";
import "keycloak-account-ui.css";
import "./jit.css";

import { KeycloakProvider } from "@keycloak/keycloak-account-ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router-dom";

import { environment } from "./environment";
import { i18n } from "./i18n";
import { routes } from "./routes";

// Keycloak's account console (the npm package @keycloak/keycloak-account-ui, whose provider signs the person in
// and holds the console's keycloak-js instance), with the page "Access requests" among its routes.
await i18n.init();

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <KeycloakProvider environment={environment}>
      <RouterProvider router={createBrowserRouter(routes)} />
    </KeycloakProvider>
  </StrictMode>,
);
