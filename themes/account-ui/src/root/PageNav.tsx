import { useEnvironment, usePromise, type AccountEnvironment } from "@keycloak/keycloak-account-ui";
import { Nav, NavExpandable, NavItem, NavList, PageSidebar, PageSidebarBody, Spinner } from "@patternfly/react-core";
import { useState, type MouseEvent as ReactMouseEvent, type PropsWithChildren } from "react";
import { useTranslation } from "react-i18next";
import { useHref, useLinkClickHandler, useLocation } from "react-router-dom";

import { fetchMenu, isActive, isGroup, pagePath, visibleItems, type MenuItem } from "./menu";

const PageLink = ({ path, active, children }: PropsWithChildren<{ path: string; active: boolean }>) => {
  const { environment } = useEnvironment<AccountEnvironment>();
  const to = pagePath(path, environment.baseUrl) + location.search;
  const href = useHref(to);
  const navigate = useLinkClickHandler(to);
  return (
    <NavItem
      data-testid={path || "personal-info"}
      to={href}
      isActive={active}
      onClick={(event) => navigate(event as unknown as ReactMouseEvent<HTMLAnchorElement, MouseEvent>)}
    >
      {children}
    </NavItem>
  );
};

const Entry = ({ item }: { item: MenuItem }) => {
  const { t } = useTranslation();
  const { environment } = useEnvironment<AccountEnvironment>();
  const { pathname } = useLocation();
  const active = isActive(item, pathname, environment.baseUrl);
  if (isGroup(item)) {
    return (
      <NavExpandable data-testid={item.label} title={t(item.label)} isActive={active} isExpanded={active}>
        {item.children.map((child) => (
          <Entry key={child.label} item={child} />
        ))}
      </NavExpandable>
    );
  }
  return (
    <PageLink path={item.path} active={active}>
      {t(item.label)}
    </PageLink>
  );
};

/** The console's side menu, from the theme's content.json (so "Access requests" sits among Keycloak's pages). */
export const PageNav = () => {
  const context = useEnvironment<AccountEnvironment>();
  const [menu, setMenu] = useState<MenuItem[]>();
  usePromise((signal) => fetchMenu(context.environment.resourceUrl, signal), setMenu);
  return (
    <PageSidebar>
      <PageSidebarBody>
        <Nav>
          <NavList>
            {menu ? (
              visibleItems(menu, context.environment.features).map((item) => <Entry key={item.label} item={item} />)
            ) : (
              <Spinner size="md" />
            )}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
};
