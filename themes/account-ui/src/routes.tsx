import { routes as accountRoutes } from "@keycloak/keycloak-account-ui";
import { lazy } from "react";
import type { RouteObject } from "react-router-dom";

import { environment } from "./environment";
import { ErrorPage } from "./root/ErrorPage";
import { Root } from "./root/Root";

const AccessRequests = lazy(() => import("./access-requests/AccessRequests"));

/** The page "Access requests", at {baseUrl}access-requests (content.json links it; mails deep-link to it). */
export const AccessRequestsRoute: RouteObject = {
  path: "access-requests",
  element: <AccessRequests />,
};

/** Keycloak's pages, and ours, under the console's path. */
export const routes: RouteObject[] = [
  {
    path: decodeURIComponent(new URL(environment.baseUrl).pathname),
    element: <Root />,
    errorElement: <ErrorPage />,
    children: [...accountRoutes, AccessRequestsRoute],
  },
];
