import { Page, Spinner } from "@patternfly/react-core";
import { Suspense } from "react";
import { Outlet } from "react-router-dom";

import { Header } from "./Header";
import { PageNav } from "./PageNav";

/** The console's frame: masthead, side menu and the page, as in Keycloak's account console. */
export const Root = () => (
  <Page header={<Header />} sidebar={<PageNav />} isManagedSidebar>
    <Suspense fallback={<Spinner />}>
      <Outlet />
    </Suspense>
  </Page>
);
