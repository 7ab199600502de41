import { useEnvironment, type AccountEnvironment } from "@keycloak/keycloak-account-ui";
import { KeycloakMasthead } from "@keycloak/keycloak-ui-shared";
import { Button } from "@patternfly/react-core";
import { ExternalLinkSquareAltIcon } from "@patternfly/react-icons";
import { useTranslation } from "react-i18next";
import { useHref } from "react-router-dom";

import { joinPath } from "../util/joinPath";

/** "Back to <app>" when an app sent the person here (referrer and referrer_uri), as in Keycloak's console. */
const ReferrerLink = () => {
  const { t } = useTranslation();
  const { environment } = useEnvironment<AccountEnvironment>();
  if (!environment.referrerUrl) return null;
  return (
    <Button
      component="a"
      href={environment.referrerUrl.replace("_hash_", "#")}
      variant="link"
      icon={<ExternalLinkSquareAltIcon />}
      iconPosition="right"
      isInline
    >
      {t("backTo", { app: environment.referrerName })}
    </Button>
  );
};

/** The masthead of Keycloak's account console: logo, the person's menu (sign out), the nav toggle. */
export const Header = () => {
  const { t } = useTranslation();
  const { environment, keycloak } = useEnvironment<AccountEnvironment>();
  const logo = environment.logo || "logo.svg";
  const logoUrl = environment.logoUrl || "/";
  const internalHref = useHref(logoUrl);
  return (
    <KeycloakMasthead
      data-testid="page-header"
      keycloak={keycloak}
      features={{ hasManageAccount: false }}
      brand={{
        href: logoUrl.startsWith("/") ? internalHref : logoUrl,
        src: joinPath(environment.resourceUrl, logo),
        alt: t("logo"),
        className: "jit-brand",
      }}
      toolbarItems={[<ReferrerLink key="referrer" />]}
    />
  );
};
