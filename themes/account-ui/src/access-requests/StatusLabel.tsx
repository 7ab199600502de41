import { Label, type LabelProps } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

import type { GrantStatus, RequestStatus } from "../api/types";

const COLORS: Record<RequestStatus | GrantStatus, LabelProps["color"]> = {
  PENDING: "gold",
  APPROVED: "green",
  ACTIVE: "green",
  DENIED: "red",
  REVOKED: "red",
  CANCELLED: "grey",
  EXPIRED: "grey",
};

/** The state of a request or grant, in words and colour. */
export const StatusLabel = ({ status }: { status: RequestStatus | GrantStatus }) => {
  const { t } = useTranslation();
  return (
    <Label color={COLORS[status] ?? "grey"} data-testid="jit-status" data-status={status}>
      {t(`jitStatus_${status}`)}
    </Label>
  );
};
