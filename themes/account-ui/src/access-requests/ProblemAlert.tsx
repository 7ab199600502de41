import { Alert } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

import { JitApiError } from "../api/JitApi";

/** A refusal as people read it: our translation of its code, with the server's own words beneath. */
export const ProblemAlert = ({ error, testId = "jit-problem" }: { error: Error; testId?: string }) => {
  const { t, i18n } = useTranslation();
  const key = error instanceof JitApiError ? `jitError_${error.code}` : "";
  const title = key && i18n.exists(key) ? t(key) : error.message;
  return (
    <Alert
      isInline
      variant="danger"
      title={title}
      data-testid={testId}
      data-error={error instanceof JitApiError ? error.code : "error"}
    >
      {title !== error.message && <span className="jit-text">{error.message}</span>}
    </Alert>
  );
};
