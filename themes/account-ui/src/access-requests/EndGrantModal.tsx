import { Alert, Button, Form, FormGroup, Modal, ModalVariant, TextInput } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { JitApi } from "../api/JitApi";
import type { Grant } from "../api/types";
import { ProblemAlert } from "./ProblemAlert";
import { useRoleName } from "./RoleName";

/** End one's own grant now, with an optional reason; warns when the policy also ends every session. */
export const EndGrantModal = ({
  grant,
  api,
  onClose,
  onEnded,
}: {
  grant: Grant;
  api: JitApi;
  onClose: () => void;
  onEnded: (grant: Grant) => void;
}) => {
  const { t } = useTranslation();
  const roleName = useRoleName();
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      onEnded(await api.endGrant(grant.id, reason));
    } catch (error) {
      setProblem(error instanceof Error ? error : new Error(String(error)));
      setBusy(false);
    }
  };

  return (
    <Modal
      variant={ModalVariant.small}
      title={t("jitEndTitle", { role: roleName(grant.role, grant.client, grant.group) })}
      isOpen
      onClose={onClose}
      data-testid="jit-end-modal"
      actions={[
        <Button key="end" variant="danger" data-testid="jit-confirm-end" isLoading={busy} isDisabled={busy} onClick={() => void submit()}>
          {t("jitEndNow")}
        </Button>,
        <Button key="cancel" variant="link" onClick={onClose}>
          {t("cancel")}
        </Button>,
      ]}
    >
      <p className="pf-v5-u-mb-md">{t("jitEndExplanation")}</p>
      {grant.endSessionsOnRevoke && (
        <Alert isInline variant="warning" title={t("jitEndSignsOut")} data-testid="jit-end-signs-out" className="pf-v5-u-mb-md" />
      )}
      <Form onSubmit={(event) => event.preventDefault()}>
        <FormGroup label={t("jitEndReason")} fieldId="jit-end-reason">
          <TextInput id="jit-end-reason" data-testid="jit-end-reason" value={reason} onChange={(_event, value) => setReason(value)} />
        </FormGroup>
        {problem && <ProblemAlert error={problem} />}
      </Form>
    </Modal>
  );
};
