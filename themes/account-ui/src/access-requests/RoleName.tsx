import { useTranslation } from "react-i18next";

/**
 * A target as people name it: "prod-maintainer (ops-console)" for a client role, "prod-admin" for a realm role,
 * "/oncall/db (group)" for a group membership.
 */
export function useRoleName(): (role?: string | null, client?: string | null, group?: string | null) => string {
  const { t } = useTranslation();
  return (role, client, group) =>
    group ? t("jitGroupTarget", { group }) : client ? t("jitRoleOfClient", { role, client }) : (role ?? "");
}
