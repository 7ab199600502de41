import { Button, Modal, ModalVariant, Page, Text, TextContent } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, useRouteError } from "react-router-dom";

/** What a page that failed to load shows: Keycloak's "Something went wrong", with a way to try again. */
export const ErrorPage = () => {
  const { t } = useTranslation();
  const error = useRouteError();
  const detail = isRouteErrorResponse(error) ? error.statusText : error instanceof Error ? error.message : undefined;
  return (
    <Page>
      <Modal
        variant={ModalVariant.small}
        title={t("somethingWentWrong")}
        titleIconVariant="danger"
        showClose={false}
        isOpen
        actions={[
          <Button key="tryAgain" variant="primary" onClick={() => (location.href = location.origin + location.pathname)}>
            {t("tryAgain")}
          </Button>,
        ]}
      >
        <TextContent>
          <Text>{t("somethingWentWrongDescription")}</Text>
          {detail && <Text component="small">{detail}</Text>}
        </TextContent>
      </Modal>
    </Page>
  );
};
