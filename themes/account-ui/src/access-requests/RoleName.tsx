import { useTranslation } from "react-i18next";

/** A role as people name it: "prod-maintainer (ops-console)" for a client role, "prod-admin" for a realm role. */
export function useRoleName(): (role: string, client?: string | null) => string {
  const { t } = useTranslation();
  return (role, client) => (client ? t("jitRoleOfClient", { role, client }) : role);
}
